"""What operators ask of a service's audit log and what it answers (every service the same)."""
from datetime import datetime, timezone

from marshmallow import Schema, fields, validate

from services.common.actor import ROLES
from services.common.audit import READ, WRITE
from services.common.contract_schema import StrictSchema

MAX_PAGE = 200
# Ids, key ids and RPC names are plain codes: nothing a database could choke on.
_CODE = validate.Regexp(r"^[A-Za-z0-9_.:-]{1,100}$",
                        error="英数字と _ . : - のみ / letters, digits, _ . : - only")
_TIMES = validate.Range(datetime(2000, 1, 1, tzinfo=timezone.utc),
                        datetime(2100, 1, 1, tzinfo=timezone.utc),
                        error="2000年から2100年まで / between 2000 and 2100")


class AuditLogRequest(StrictSchema):
    key_id = fields.String(validate=_CODE)
    role = fields.String(validate=validate.OneOf(ROLES))
    subject_id = fields.String(validate=_CODE)
    object_id = fields.String(validate=_CODE, metadata={
        "description": "この対象に触れた記録 / entries that touched this object"})
    action = fields.String(validate=_CODE, metadata={
        "description": "RPC名 / the RPC, e.g. get_roster", "example": "get_roster"})
    kind = fields.String(validate=validate.OneOf((WRITE, READ)))
    from_ = fields.AwareDateTime(data_key="from", validate=_TIMES, metadata={
        "description": "この時刻以降 / at or after (RFC 3339)"})
    to = fields.AwareDateTime(validate=_TIMES, metadata={
        "description": "この時刻より前 / before (RFC 3339)"})
    cursor = fields.String(validate=validate.Length(max=200))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE))


class AuditEntrySchema(Schema):
    id = fields.Integer()
    at = fields.AwareDateTime()
    kind = fields.String(metadata={"enum": [WRITE, READ]})
    action = fields.String()
    key_id = fields.String(allow_none=True)
    role = fields.String()
    subject_id = fields.String(allow_none=True)
    correlation_id = fields.String(allow_none=True)
    object_ids = fields.List(fields.String())
    personal_fields = fields.List(fields.String(), metadata={
        "description": "返した個人情報の項目 / the personal data fields returned"})


class AuditLogPageSchema(Schema):
    items = fields.List(fields.Nested(AuditEntrySchema))
    next_cursor = fields.String(allow_none=True)
