"""Every route of the public API in one table: it drives both the handlers and the OpenAPI.

A route names who may call it, the schemas that validate its input (the services' own), and
the RPC it forwards to. The gateway holds no business rules beyond that.
"""
from dataclasses import dataclass

from marshmallow import Schema

from gateway.admin_schemas import (ApiKeyCreatedSchema, CreateApiKeySchema, DeadLetterListQuerySchema,
                                   DeadLetterListSchema, DeadLetterReplaySchema)
from services.matching.entrypoints.schemas import NeedPageSchema, NeedQuerySchema, NeedSchema, PostNeedSchema
from services.notifications.entrypoints.schemas import (InboxPageSchema, InboxQuerySchema,
                                                        SubscriptionRequestSchema, SubscriptionSchema)
from services.registry.entrypoints.schemas import (OrganisationIdSchema, OrganisationPageSchema,
                                                   OrganisationQuerySchema, OrganisationSchema,
                                                   RegisterOrganisationSchema)
from services.reports.entrypoints.schemas import SummarySchema

EVERYONE = ("operator", "organisation", "partner", "citizen", "service")
PEOPLE = ("operator", "organisation", "partner", "citizen")


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str  # werkzeug rule: /api/v1/things/<thing_id>
    summary: str
    tag: str
    roles: tuple[str, ...]
    rpc: tuple[str, str] | None  # (service, method); "{service}" takes the path's value
    body: type[Schema] | None = None
    query: type[Schema] | None = None
    response: type[Schema] | None = None
    status: int = 200

    @property
    def creates(self) -> bool:
        """Creating routes get a request id derived from the Idempotency-Key."""
        return self.method == "POST" and self.body is not None and "request_id" in self.body._declared_fields


ROUTES = (
    Route("createApiKey", "POST", "/api/v1/api-keys", "APIキーを発行 / Issue an API key",
          "admin", ("operator",), None, body=CreateApiKeySchema, response=ApiKeyCreatedSchema,
          status=201),
    Route("registerOrganisation", "POST", "/api/v1/organisations",
          "団体を登録 / Register an organisation", "registry", ("operator",),
          ("registry", "register_organisation"), body=RegisterOrganisationSchema,
          response=OrganisationSchema, status=201),
    Route("listOrganisations", "GET", "/api/v1/organisations", "団体の一覧 / List organisations",
          "registry", EVERYONE, ("registry", "list_organisations"), query=OrganisationQuerySchema,
          response=OrganisationPageSchema),
    Route("getOrganisation", "GET", "/api/v1/organisations/<organisation_id>",
          "団体の詳細 / Get an organisation", "registry", EVERYONE,
          ("registry", "get_organisation"), query=OrganisationIdSchema, response=OrganisationSchema),
    Route("postNeed", "POST", "/api/v1/needs", "募集を投稿 / Post a need", "matching",
          ("organisation", "operator"), ("matching", "post_need"), body=PostNeedSchema,
          response=NeedSchema, status=201),
    Route("listNeeds", "GET", "/api/v1/needs", "募集の一覧 / List needs", "matching", EVERYONE,
          ("matching", "list_needs"), query=NeedQuerySchema, response=NeedPageSchema),
    Route("putSubscription", "PUT", "/api/v1/subscriptions/me",
          "お知らせの購読を設定 / Set what you hear about", "notifications", PEOPLE,
          ("notifications", "put_subscription"), body=SubscriptionRequestSchema,
          response=SubscriptionSchema),
    Route("getSubscription", "GET", "/api/v1/subscriptions/me",
          "お知らせの購読を確認 / What you hear about", "notifications", PEOPLE,
          ("notifications", "get_subscription"), response=SubscriptionSchema),
    Route("readInbox", "GET", "/api/v1/inbox", "受信箱 / Your inbox", "notifications", PEOPLE,
          ("notifications", "read_inbox"), query=InboxQuerySchema, response=InboxPageSchema),
    Route("getSummary", "GET", "/api/v1/reports/summary",
          "地域別の集計 / Organisations and needs per region", "reports", EVERYONE,
          ("reports", "get_summary"), response=SummarySchema),
    Route("listDeadLetters", "GET", "/api/v1/admin/dead-letters/<service>",
          "処理できなかったイベント / Dead letters of a service", "admin", ("operator",),
          ("{service}", "list_dead_letters"), query=DeadLetterListQuerySchema,
          response=DeadLetterListSchema),
    Route("replayDeadLetter", "POST", "/api/v1/admin/dead-letters/<service>/<int:letter_id>/replay",
          "イベントを再送 / Replay a dead letter", "admin", ("operator",),
          ("{service}", "replay_dead_letter"), query=DeadLetterReplaySchema),
)
