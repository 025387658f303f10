"""Events notifications publishes: each payload's schema, an example, and the `PUBLISHED` catalogue.

A delivery's final outcome, so reports can count what reached people per channel, kind and day:
ids, channel, kind and the number of attempts only, never an address (DESIGN.md, "Events").
"""
from marshmallow import Schema, fields, validate

from services.common.contract_schema import UuidString
from services.common.event_contracts import EventCatalogue, EventContract
from services.notifications.contract.vocabulary import CHANNELS


class DeliveryOutcomeV1(Schema):
    delivery_id = UuidString(required=True)
    source_id = UuidString(required=True, metadata={
        "description": "元のイベント（または確認）の ID / the event or confirmation it came from"})
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    kind = fields.String(required=True, metadata={
        "description": "イベント種別、digest、email_confirmation など / the event type, digest, …"})
    attempts = fields.Integer(required=True)
    finished_at = fields.AwareDateTime(required=True)


OUTCOME = {"delivery_id": "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
           "source_id": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "channel": "email",
           "kind": "matching.match_confirmed", "attempts": 1,
           "finished_at": "2027-01-15T09:30:00+00:00"}

PUBLISHED = EventCatalogue([
    EventContract("notifications.delivered", 1, DeliveryOutcomeV1, OUTCOME),
    EventContract("notifications.delivery_failed", 1, DeliveryOutcomeV1,
                  {**OUTCOME, "channel": "webhook", "kind": "matching.offer_posted", "attempts": 8}),
])
