"""The gateway's own routes (API keys) and operators' routes to every service (dead letters,
audit log, erasure)."""
from gateway.admin_schemas import (ApiKeyCreatedSchema, ApiKeyIdSchema, ApiKeyListQuerySchema,
                                   ApiKeyListSchema, ApiKeySchema, AuditLogQuerySchema,
                                   ConsoleAccountCreatedSchema, CreateApiKeySchema,
                                   CreateConsoleAccountSchema, DeadLetterListQuerySchema, DeadLetterListSchema,
                                   DeadLetterReplaySchema)
from gateway.erasure_schemas import ErasureReportSchema
from gateway.routes.route import EVERYONE, Route
from services.common.audit_contract import AuditLogPageSchema
from services.common.erasure_contract import ErasePersonRequest

ROUTES = (
    Route("createApiKey", "POST", "/api/v1/api-keys", "APIキーを発行 / Issue an API key",
          "api-keys", ("operator",), None, request=CreateApiKeySchema, response=ApiKeyCreatedSchema,
          status=201),
    # Operators see every key; others their holder's (role + subject), or a subjectless key itself.
    Route("listApiKeys", "GET", "/api/v1/api-keys", "APIキーの一覧（秘密は含まない）/ List API keys "
          "(never their secrets)", "api-keys", EVERYONE, None, request=ApiKeyListQuerySchema,
          response=ApiKeyListSchema),
    Route("revokeApiKey", "DELETE", "/api/v1/api-keys/<key_id>", "APIキーを失効 / Revoke an API key",
          "api-keys", EVERYONE, None, request=ApiKeyIdSchema, response=ApiKeySchema),
    # A console account is another credential for the same identities (docs/console.md).
    Route("createConsoleAccount", "POST", "/api/v1/console-accounts",
          "管理画面のアカウントを作成（初期パスワードは一度だけ表示）/ Create a console account (its "
          "first password is shown once)", "api-keys", ("operator",), None,
          request=CreateConsoleAccountSchema, response=ConsoleAccountCreatedSchema, status=201),
    Route("listDeadLetters", "GET", "/api/v1/admin/dead-letters/<service>",
          "処理できなかったイベント / Dead letters of a service", "admin", ("operator",),
          ("{service}", "list_dead_letters"), request=DeadLetterListQuerySchema,
          response=DeadLetterListSchema),
    Route("replayDeadLetter", "POST", "/api/v1/admin/dead-letters/<service>/<int:letter_id>/replay",
          "イベントを再送 / Replay a dead letter", "admin", ("operator",),
          ("{service}", "replay_dead_letter"), request=DeadLetterReplaySchema),
    Route("listAuditLog", "GET", "/api/v1/admin/audit/<service>",
          "監査ログ（書き込みと個人情報の閲覧）/ A service's audit log: writes and reads of "
          "personal data", "admin", ("operator",), ("{service}", "audit_log"),
          request=AuditLogQuerySchema, response=AuditLogPageSchema),
    Route("erasePerson", "POST", "/api/v1/admin/erasures",
          "本人の求めによる個人データの消去（全サービスとゲートウェイ） / Erase a person's data on request, in "
          "every service and the gateway", "admin", ("operator",), None, request=ErasePersonRequest,
          response=ErasureReportSchema),
)
