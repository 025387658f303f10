"""Notifications' request and response contracts."""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.common.pagination import decode_cursor
from services.notifications.app.inbox import InboxQuery

_TOPIC = fields.String(validate=validate.Length(min=1, max=50))


class SubscriptionRequestSchema(Schema):
    class Meta:
        unknown = RAISE

    regions = fields.List(_TOPIC, load_default=list, validate=validate.Length(max=50),
                          metadata={"description": "地域コード / region codes", "example": ["yu"]})
    fields_ = fields.List(_TOPIC, data_key="fields", load_default=list,
                          validate=validate.Length(max=50),
                          metadata={"description": "活動分野 / field codes",
                                    "example": ["disaster_prevention"]})


class SubscriptionSchema(Schema):
    recipient_id = fields.String()
    regions = fields.Function(lambda s: sorted(s.regions))
    fields_ = fields.Function(lambda s: sorted(s.fields), data_key="fields")


class InboxQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_query(self, data, **_):
        return InboxQuery(after=decode_cursor(data.get("cursor")), limit=data["limit"])


class InboxMessageSchema(Schema):
    id = fields.String()
    title = fields.String()
    body = fields.String()
    link = fields.String()
    created_at = fields.AwareDateTime()
    read_at = fields.AwareDateTime(allow_none=True)


class InboxPageSchema(Schema):
    items = fields.List(fields.Nested(InboxMessageSchema))
    next_cursor = fields.String(allow_none=True)
