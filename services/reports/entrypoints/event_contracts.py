"""Events reports reads (it publishes none yet)."""
from marshmallow import Schema, fields

from services.common.event_contracts import EventCatalogue, EventContract


class OrganisationRegistered(Schema):
    organisation_id = fields.UUID(required=True)
    region = fields.String(required=True)


class NeedPosted(Schema):
    need_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    region = fields.String(required=True)


PUBLISHED = EventCatalogue([])
CONSUMED = EventCatalogue([
    EventContract("registry.organisation_registered", 1, OrganisationRegistered, {}),
    EventContract("matching.need_posted", 1, NeedPosted, {}),
])
