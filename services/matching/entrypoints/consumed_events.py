"""Matching's tolerant readers of the registry events it keeps its organisations read model from.

Only the fields matching reads; the kernel loads them with unknown=EXCLUDE, so registry may add
fields freely. Ids load as strings (UuidString), the one shape handlers get.
"""
from marshmallow import Schema, fields

from services.common.contract_schema import UuidString
from services.common.event_contracts import EventCatalogue, EventContract


class OrganisationFacts(Schema):
    organisation_id = UuidString(required=True)
    kind = fields.String()
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    status = fields.String(required=True)
    founded_year = fields.Integer(allow_none=True, load_default=None)
    legal_form = fields.String(allow_none=True, load_default=None)


class OrganisationStatusChanged(Schema):
    organisation_id = UuidString(required=True)


class BookingFacts(Schema):
    booking_id = UuidString(required=True)
    room_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    status = fields.String(required=True)


CONSUMED = EventCatalogue([
    EventContract("registry.organisation_registered", 1, OrganisationFacts, {}),
    EventContract("registry.organisation_updated", 1, OrganisationFacts, {}),
    EventContract("registry.organisation_verified", 1, OrganisationStatusChanged, {}),
    EventContract("registry.organisation_rejected", 1, OrganisationStatusChanged, {}),
    *(EventContract(f"registry.booking_{change}", 1, BookingFacts, {})
      for change in ("requested", "confirmed", "declined", "cancelled")),
])
