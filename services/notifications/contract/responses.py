"""Notifications' response schemas (their class names name the OpenAPI components)."""
from marshmallow import Schema, fields


class SubscriptionSchema(Schema):
    recipient_id = fields.String()
    regions = fields.Function(lambda s: sorted(s.regions))
    fields_ = fields.Function(lambda s: sorted(s.fields), data_key="fields")


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
