"""Routes to admin."""
from gateway.admin_schemas import (ApiKeyCreatedSchema, CreateApiKeySchema, DeadLetterListQuerySchema,
                                   DeadLetterListSchema, DeadLetterReplaySchema)

from gateway.routes.route import Route

ROUTES = (
    Route("createApiKey", "POST", "/api/v1/api-keys", "APIキーを発行 / Issue an API key",
          "admin", ("operator",), None, body=CreateApiKeySchema, response=ApiKeyCreatedSchema,
          status=201),
    Route("listDeadLetters", "GET", "/api/v1/admin/dead-letters/<service>",
          "処理できなかったイベント / Dead letters of a service", "admin", ("operator",),
          ("{service}", "list_dead_letters"), query=DeadLetterListQuerySchema,
          response=DeadLetterListSchema),
    Route("replayDeadLetter", "POST", "/api/v1/admin/dead-letters/<service>/<int:letter_id>/replay",
          "イベントを再送 / Replay a dead letter", "admin", ("operator",),
          ("{service}", "replay_dead_letter"), query=DeadLetterReplaySchema),
)
