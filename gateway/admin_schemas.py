"""Schemas of the gateway's own resources (API keys) and of operator routes."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from gateway.api_keys import ROLES_WITH_SUBJECT
from services.common.actor import ROLES
from services.common.audit_contract import AuditLogRequest
from services.common.contract_schema import StrictSchema

CONSUMING_SERVICES = ("matching", "notifications", "reports")
SERVICES = ("registry", *CONSUMING_SERVICES)


class CreateApiKeySchema(StrictSchema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    subject_id = fields.UUID(metadata={
        "description": "団体・事業者・市民のID / the organisation, partner or citizen the key acts for"})
    label = fields.String(required=True, validate=validate.Length(min=1, max=200),
                          metadata={"example": "由宇防災ボランティアの会 代表"})

    @validates_schema
    def subject_matches_role(self, data, **_):
        if data.get("role") in ROLES_WITH_SUBJECT and not data.get("subject_id"):
            raise ValidationError("この役割には subject_id が必要です / this role needs a subject_id",
                                  "subject_id")


class ApiKeyCreatedSchema(Schema):
    id = fields.String()
    key = fields.String(metadata={"description": "一度だけ表示されます / shown only once"})
    role = fields.String()
    subject_id = fields.String(allow_none=True)
    label = fields.String()


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
