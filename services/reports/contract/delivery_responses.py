"""Delivery counts per day, channel and kind (kept apart from responses.py so it merges cleanly)."""
from marshmallow import Schema, fields


class DeliveryCountSchema(Schema):
    day = fields.Date(metadata={"example": "2027-01-15"})
    channel = fields.String(metadata={"description": "email | line | webhook", "example": "email"})
    kind = fields.String(metadata={"description": "イベント種別など / the event type, digest, …",
                                   "example": "matching.match_confirmed"})
    delivered = fields.Integer(metadata={"description": "届いた件数 / delivered", "example": 42})
    failed = fields.Integer(metadata={"description": "再試行を尽くして届かなかった件数 / failed "
                                                     "for good", "example": 1})


class DeliveryCountsSchema(Schema):
    from_ = fields.Date(data_key="from")
    to = fields.Date()
    items = fields.List(fields.Nested(DeliveryCountSchema))
