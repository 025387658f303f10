"""One request schema per RPC of notifications: what the gateway validates and the service loads."""
from marshmallow import fields, validate

from services.common.contract_schema import StrictSchema

_TOPIC = fields.String(validate=validate.Length(min=1, max=50))


class PutSubscriptionRequest(StrictSchema):
    regions = fields.List(_TOPIC, load_default=list, validate=validate.Length(max=50),
                          metadata={"description": "地域コード / region codes", "example": ["yu"]})
    fields_ = fields.List(_TOPIC, data_key="fields", load_default=list,
                          validate=validate.Length(max=50),
                          metadata={"description": "活動分野 / field codes",
                                    "example": ["disaster_prevention"]})


class ReadInboxRequest(StrictSchema):
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
