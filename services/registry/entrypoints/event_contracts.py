"""Schemas (with examples) of the events registry publishes."""
from marshmallow import Schema, fields

from services.common.event_contracts import EventCatalogue, EventContract


class OrganisationRegisteredV1(Schema):
    organisation_id = fields.UUID(required=True)
    kind = fields.String(required=True)
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    status = fields.String(required=True)


PUBLISHED = EventCatalogue([
    EventContract("registry.organisation_registered", 1, OrganisationRegisteredV1, {
        "organisation_id": "4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f", "kind": "citizen_group",
        "region": "yu", "fields": ["disaster_prevention"], "status": "verified"}),
])
