"""The one request every holder of personal data answers when a person's data is erased.

Operators ask the gateway (POST /api/v1/admin/erasures); it asks each service by RPC with this
request and reports each one's answer, so a holder that is down shows as not yet done.
"""
from marshmallow import Schema, fields

from services.common.contract_schema import StrictSchema, UuidString


class ErasePersonRequest(StrictSchema):
    subject_id = UuidString(required=True, metadata={
        "description": "本人（市民キーの subject、人材プロフィールのID） / the person: their citizen key's "
                       "subject, which is also their talent profile's id"})


class ErasedSchema(Schema):
    """What one holder erased or anonymised: a count per kind of record (0 on a repeat)."""
    erased = fields.Dict(keys=fields.String(), values=fields.Integer())
