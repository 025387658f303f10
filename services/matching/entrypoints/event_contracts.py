"""Events matching publishes (with examples) and the events it reads."""
from marshmallow import Schema, fields

from services.common.event_contracts import EventCatalogue, EventContract


class NeedPostedV1(Schema):
    need_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    slots = fields.Integer(required=True)


PUBLISHED = EventCatalogue([
    EventContract("matching.need_posted", 1, NeedPostedV1, {
        "need_id": "0b7d5c1e-3f7a-4c1d-9a55-6e2f1b8c9d01",
        "organisation_id": "4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f",
        "title": "防災訓練の受付ボランティア募集", "kind": "volunteer_shift", "region": "yu",
        "fields": ["disaster_prevention"], "slots": 5}),
])


class OrganisationRegistered(Schema):
    organisation_id = fields.UUID(required=True)
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    status = fields.String(required=True)


CONSUMED = EventCatalogue([
    EventContract("registry.organisation_registered", 1, OrganisationRegistered, {}),
])
