"""Schemas of the gateway's own resources (API keys) and of operator routes."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from gateway.scopes import SCOPE_FORMAT
from services.common.actor import ROLES
from services.common.audit_contract import AuditLogRequest
from services.common.contract_schema import StrictSchema

CONSUMING_SERVICES = ("matching", "notifications", "reports")
SERVICES = ("registry", *CONSUMING_SERVICES)


SCOPE = fields.String(validate=validate.Regexp(
    SCOPE_FORMAT, error="<family>:read または <family>:write / <family>:read or <family>:write"),
    metadata={"example": "matching:read"})


class CreateApiKeySchema(StrictSchema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    subject_id = fields.UUID(metadata={
        "description": "団体・事業者・市民のID（市民は省略すると新しく採番）/ the organisation, "
                       "partner (a registered business) or citizen the key acts for (a citizen's "
                       "is assigned when omitted)"})
    label = fields.String(required=True, validate=validate.Length(min=1, max=200),
                          metadata={"example": "由宇防災ボランティアの会 代表"})
    scopes = fields.List(SCOPE, validate=validate.Length(min=1, max=50), metadata={
        "description": "省略時は役割で使えるすべて / every scope the role allows when omitted"})
    expires_at = fields.AwareDateTime(metadata={
        "description": "有効期限（省略時は無期限）/ when the key stops working (never when omitted)"})

    @validates_schema
    def subject_matches_role(self, data, **_):
        if data.get("role") in ("organisation", "partner") and not data.get("subject_id"):
            raise ValidationError("この役割には subject_id が必要です / this role needs a subject_id",
                                  "subject_id")


class ApiKeySchema(Schema):
    """A key as listed: never its secret."""

    id = fields.String()
    role = fields.String()
    subject_id = fields.String(allow_none=True)
    label = fields.String()
    scopes = fields.List(fields.String())
    created_at = fields.AwareDateTime()
    expires_at = fields.AwareDateTime(allow_none=True)
    last_used_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "1分単位 / to the minute"})
    revoked_at = fields.AwareDateTime(allow_none=True)


class ApiKeyCreatedSchema(ApiKeySchema):
    key = fields.String(metadata={
        "description": "一度だけ表示されます（再送への応答には含まれません）/ shown only once: "
                       "a replayed request answers without it"})
    note = fields.String(metadata={"description": "再送への応答のみ / on a replayed answer only"})


class ApiKeyListQuerySchema(StrictSchema):
    include_revoked = fields.Boolean(load_default=False)
    role = fields.String(validate=validate.OneOf(ROLES), metadata={
        "description": "運営者のみ / operators only"})
    subject_id = fields.UUID(metadata={"description": "運営者のみ / operators only"})


class ApiKeyListSchema(Schema):
    items = fields.List(fields.Nested(ApiKeySchema))


class ApiKeyIdSchema(StrictSchema):
    key_id = fields.UUID(required=True)


class CreateConsoleAccountSchema(StrictSchema):
    email = fields.String(required=True, validate=validate.Length(min=3, max=254),
                          metadata={"example": "kyodo-center@city.example.jp"})
    role = fields.String(required=True, validate=validate.OneOf(("operator", "organisation",
                                                                  "partner", "citizen")))
    subject_id = fields.UUID(metadata={
        "description": "API キーと同じ：団体・事業者・市民のID / as for an API key: the organisation, "
                       "partner (a registered business) or citizen the account acts for"})
    with_totp = fields.Boolean(load_default=False, metadata={
        "description": "二要素認証（TOTP、運営者のみ）/ a TOTP second factor (operators only)"})

    @validates_schema
    def subject_matches_role(self, data, **_):
        if data.get("role") in ("organisation", "partner") and not data.get("subject_id"):
            raise ValidationError("この役割には subject_id が必要です / this role needs a subject_id",
                                  "subject_id")


class ConsoleAccountCreatedSchema(Schema):
    id = fields.String()
    email = fields.String(metadata={"description": "正規化済み / normalised"})
    role = fields.String()
    subject_id = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    password = fields.String(metadata={
        "description": "初期パスワード、一度だけ表示 / the first password, shown only once"})
    totp_uri = fields.String(metadata={
        "description": "認証アプリに登録する otpauth:// URI、一度だけ表示 / the otpauth:// URI for an "
                       "authenticator app, shown only once"})
    note = fields.String(metadata={"description": "再送への応答のみ / on a replayed answer only"})


class DeadLetterListQuerySchema(StrictSchema):
    service = fields.String(required=True, validate=validate.OneOf(CONSUMING_SERVICES))
    include_replayed = fields.Boolean(load_default=False)


class DeadLetterReplaySchema(StrictSchema):
    service = fields.String(required=True, validate=validate.OneOf(CONSUMING_SERVICES))
    letter_id = fields.Integer(required=True, validate=validate.Range(min=1))


class DeadLetterSchema(Schema):
    id = fields.Integer()
    message_id = fields.String()
    type = fields.String()
    error = fields.String()
    attempts = fields.Integer()
    dead_at = fields.String()
    replayed_at = fields.String(allow_none=True)
    event = fields.Dict()


class DeadLetterListSchema(Schema):
    items = fields.List(fields.Nested(DeadLetterSchema))


class AuditLogQuerySchema(AuditLogRequest):
    service = fields.String(required=True, validate=validate.OneOf(SERVICES))
