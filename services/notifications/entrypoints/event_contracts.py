"""Events notifications reads (it publishes none yet)."""
from marshmallow import Schema, fields

from services.common.event_contracts import EventCatalogue, EventContract


class NeedPosted(Schema):
    need_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    title = fields.String(required=True)
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    slots = fields.Integer(required=True)


PUBLISHED = EventCatalogue([])
CONSUMED = EventCatalogue([EventContract("matching.need_posted", 1, NeedPosted, {})])
