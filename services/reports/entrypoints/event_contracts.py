"""Events reports reads (it publishes none yet)."""
from marshmallow import Schema, fields

from services.common.event_contracts import EventCatalogue, EventContract


class OrganisationRegistered(Schema):
    organisation_id = fields.UUID(required=True)
    region = fields.String(required=True)
    status = fields.String(load_default="verified")


class OrganisationReviewed(Schema):
    organisation_id = fields.UUID(required=True)


class OrganisationUpdated(Schema):
    organisation_id = fields.UUID(required=True)
    region = fields.String(required=True)
    status = fields.String(required=True)


class NeedPosted(Schema):
    need_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    region = fields.String(required=True)


class FacilityRegistered(Schema):
    facility_id = fields.UUID(required=True)
    region = fields.String(required=True)
    room_ids = fields.List(fields.UUID(), required=True)


class FacilityManagerDesignated(Schema):
    facility_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)


class BookingFacts(Schema):
    booking_id = fields.UUID(required=True)
    facility_id = fields.UUID(required=True)
    room_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    status = fields.String(required=True)


class AssociationAreaSet(Schema):
    organisation_id = fields.UUID(required=True)
    region = fields.String(required=True)


class HouseholdFigureRecorded(Schema):
    organisation_id = fields.UUID(required=True)
    region = fields.String(required=True)
    measure = fields.String(required=True)
    value = fields.Integer(required=True)
    as_of = fields.Date(required=True)


class NewcomerInterestRegistered(Schema):
    interest_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    region = fields.String(required=True)


class ConsultationOpened(Schema):
    consultation_id = fields.UUID(required=True)
    channel = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    opened_at = fields.AwareDateTime(required=True)


class ConsultationStatusChanged(Schema):
    consultation_id = fields.UUID(required=True)
    status = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    changed_at = fields.AwareDateTime(required=True)


class ConsultationFollowedUp(Schema):
    consultation_id = fields.UUID(required=True)
    followed_up_at = fields.AwareDateTime(required=True)


class ConsultationReferred(Schema):
    consultation_id = fields.UUID(required=True)
    referred_at = fields.AwareDateTime(required=True)


class OrganisationTie(Schema):
    tie_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    related_organisation_id = fields.UUID(required=True)
    kind = fields.String(required=True)


class RosterEntry(Schema):
    entry_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    role = fields.String(required=True)


PUBLISHED = EventCatalogue([])
CONSUMED = EventCatalogue([
    EventContract("registry.organisation_registered", 1, OrganisationRegistered, {}),
    EventContract("registry.organisation_verified", 1, OrganisationReviewed, {}),
    EventContract("registry.organisation_rejected", 1, OrganisationReviewed, {}),
    EventContract("registry.organisation_updated", 1, OrganisationUpdated, {}),
    EventContract("matching.need_posted", 1, NeedPosted, {}),
    EventContract("registry.facility_registered", 1, FacilityRegistered, {}),
    EventContract("registry.facility_manager_designated", 1, FacilityManagerDesignated, {}),
    EventContract("registry.booking_requested", 1, BookingFacts, {}),
    EventContract("registry.booking_confirmed", 1, BookingFacts, {}),
    EventContract("registry.booking_declined", 1, BookingFacts, {}),
    EventContract("registry.booking_cancelled", 1, BookingFacts, {}),
    EventContract("registry.association_area_set", 1, AssociationAreaSet, {}),
    EventContract("registry.household_figure_recorded", 1, HouseholdFigureRecorded, {}),
    EventContract("registry.newcomer_interest_registered", 1, NewcomerInterestRegistered, {}),
    EventContract("registry.consultation_opened", 1, ConsultationOpened, {}),
    EventContract("registry.consultation_status_changed", 1, ConsultationStatusChanged, {}),
    EventContract("registry.consultation_followed_up", 1, ConsultationFollowedUp, {}),
    EventContract("registry.consultation_referred", 1, ConsultationReferred, {}),
    EventContract("registry.organisation_tie_declared", 1, OrganisationTie, {}),
    EventContract("registry.organisation_tie_removed", 1, OrganisationTie, {}),
    EventContract("registry.roster_entry_added", 1, RosterEntry, {}),
    EventContract("registry.roster_entry_removed", 1, RosterEntry, {}),
])
