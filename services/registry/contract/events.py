"""Schemas (with examples) of the events registry publishes. Ids and facts only."""
from marshmallow import Schema, fields

from services.common.contract_schema import UuidString
from services.common.event_contracts import EventCatalogue, EventContract


class OrganisationRegisteredV1(Schema):
    organisation_id = UuidString(required=True)
    kind = fields.String(required=True)
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    status = fields.String(required=True)
    # Added later (additive): what funding eligibility reads in matching.
    founded_year = fields.Integer(required=True, allow_none=True)
    legal_form = fields.String(required=True)


class OrganisationUpdatedV1(OrganisationRegisteredV1):
    """The organisation's facts after the change (kind, region, fields, status)."""


class OrganisationReviewedV1(Schema):
    organisation_id = UuidString(required=True)


class FacilityRegisteredV1(Schema):
    facility_id = UuidString(required=True)
    region = fields.String(required=True)
    room_ids = fields.List(UuidString(), required=True)


class FacilityManagerDesignatedV1(Schema):
    facility_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    designated_from = fields.Date(required=True)
    designated_to = fields.Date(required=True, allow_none=True)


class BookingFactsV1(Schema):
    """Every booking event carries the booking's facts after the change (no purpose text)."""
    booking_id = UuidString(required=True)
    facility_id = UuidString(required=True)
    room_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    status = fields.String(required=True)


class MembershipRateRecalculatedV1(Schema):
    """Registry's row of the membership rate for one region as of one day (the rate route's
    region row without `counted`); sent for every day whose answer a change may have moved."""
    region = fields.String(required=True)
    as_of = fields.Date(required=True)
    associations = fields.Integer(required=True)
    households_in_area = fields.Integer(required=True)
    member_households = fields.Integer(required=True)
    rate = fields.Float(required=True, allow_none=True)


class NewcomerInterestRegisteredV1(Schema):
    interest_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    region = fields.String(required=True)
    town = fields.String(required=True)


class ConsultationOpenedV1(Schema):
    consultation_id = UuidString(required=True)
    organisation_id = UuidString(required=True, allow_none=True)
    channel = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    opened_at = fields.AwareDateTime(required=True)


class ConsultationStatusChangedV1(Schema):
    consultation_id = UuidString(required=True)
    status = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    changed_at = fields.AwareDateTime(required=True)


class ConsultationFollowedUpV1(Schema):
    consultation_id = UuidString(required=True)
    followed_up_at = fields.AwareDateTime(required=True)


class ConsultationReferredV1(Schema):
    consultation_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    referred_at = fields.AwareDateTime(required=True)


class OrganisationTieV1(Schema):
    tie_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    related_organisation_id = UuidString(required=True)
    kind = fields.String(required=True)


class RosterEntryV1(Schema):
    entry_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    role = fields.String(required=True)
    # Added later (additive): the listed person's account (a citizen key's subject), or null;
    # an id only, never a name.
    person_id = fields.String(required=True, allow_none=True)


_ID = "4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f"
_CONSULTATION = "5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c"
_TIE = {"tie_id": "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901", "organisation_id": _ID,
        "related_organisation_id": "8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586", "kind": "member_of"}
_ROSTER = {"entry_id": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d", "organisation_id": _ID,
           "role": "officer", "person_id": "c0ffee00-1234-4abc-8def-0123456789ab"}
_FACILITY = "7d3e1f20-5a4b-4c3d-8e9f-0a1b2c3d4e5f"
_ROOM = "0b6f3c2a-1d2e-5f60-8a9b-7c6d5e4f3a2b"


def _booking(status: str) -> dict:
    return {"booking_id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", "facility_id": _FACILITY,
            "room_id": _ROOM, "organisation_id": _ID, "starts_at": "2027-01-16T01:00:00+00:00",
            "ends_at": "2027-01-16T03:00:00+00:00", "status": status}


PUBLISHED = EventCatalogue([
    EventContract("registry.organisation_registered", 1, OrganisationRegisteredV1, {
        "organisation_id": _ID, "kind": "citizen_group",
        "region": "yu", "fields": ["disaster_prevention"], "status": "verified", "founded_year": 2012,
        "legal_form": "none"}),
    EventContract("registry.organisation_verified", 1, OrganisationReviewedV1,
                  {"organisation_id": _ID}),
    EventContract("registry.organisation_rejected", 1, OrganisationReviewedV1,
                  {"organisation_id": _ID}),
    EventContract("registry.organisation_updated", 1, OrganisationUpdatedV1, {
        "organisation_id": _ID, "kind": "npo", "region": "yu",
        "fields": ["disaster_prevention", "welfare"], "status": "verified", "founded_year": 2012,
        "legal_form": "npo_corporation"}),
    EventContract("registry.facility_registered", 1, FacilityRegisteredV1, {
        "facility_id": _FACILITY, "region": "yu", "room_ids": [_ROOM]}),
    EventContract("registry.facility_manager_designated", 1, FacilityManagerDesignatedV1, {
        "facility_id": _FACILITY, "organisation_id": _ID, "designated_from": "2024-04-01",
        "designated_to": "2029-03-31"}),
    EventContract("registry.booking_requested", 1, BookingFactsV1, _booking("requested")),
    EventContract("registry.booking_confirmed", 1, BookingFactsV1, _booking("confirmed")),
    EventContract("registry.booking_declined", 1, BookingFactsV1, _booking("declined")),
    EventContract("registry.booking_cancelled", 1, BookingFactsV1, _booking("cancelled")),
    EventContract("registry.membership_rate_recalculated", 1, MembershipRateRecalculatedV1, {
        "region": "iwakuni", "as_of": "2024-04-01", "associations": 5,
        "households_in_area": 2400, "member_households": 1812, "rate": 0.755}),
    EventContract("registry.newcomer_interest_registered", 1, NewcomerInterestRegisteredV1, {
        "interest_id": "3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4", "organisation_id": _ID,
        "region": "iwakuni", "town": "今津町"}),
    EventContract("registry.consultation_opened", 1, ConsultationOpenedV1, {
        "consultation_id": _CONSULTATION, "organisation_id": _ID, "channel": "counter",
        "topics": ["funding"], "opened_at": "2026-05-11T01:30:00+00:00"}),
    EventContract("registry.consultation_status_changed", 1, ConsultationStatusChangedV1, {
        "consultation_id": _CONSULTATION, "status": "in_progress", "topics": ["funding"],
        "changed_at": "2026-05-12T01:30:00+00:00"}),
    EventContract("registry.consultation_followed_up", 1, ConsultationFollowedUpV1, {
        "consultation_id": _CONSULTATION, "followed_up_at": "2026-05-13T01:30:00+00:00"}),
    EventContract("registry.consultation_referred", 1, ConsultationReferredV1, {
        "consultation_id": _CONSULTATION, "organisation_id": _ID,
        "referred_at": "2026-05-14T01:30:00+00:00"}),
    EventContract("registry.organisation_tie_declared", 1, OrganisationTieV1, _TIE),
    EventContract("registry.organisation_tie_removed", 1, OrganisationTieV1, _TIE),
    EventContract("registry.roster_entry_added", 1, RosterEntryV1, _ROSTER),
    EventContract("registry.roster_entry_removed", 1, RosterEntryV1, _ROSTER),
])
