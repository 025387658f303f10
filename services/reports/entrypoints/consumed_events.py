"""Reports' own tolerant readers of registry's and matching's events (only the fields it reads),
and of the report requests its worker takes."""
from marshmallow import Schema, fields

from services.common.contract_schema import UuidString
from services.common.event_contracts import EventCatalogue, EventContract


class DeliveryOutcome(Schema):
    delivery_id = UuidString(required=True)
    channel = fields.String(required=True)
    kind = fields.String(required=True)
    attempts = fields.Integer(required=True)
    finished_at = fields.AwareDateTime(required=True)


class OrganisationRegistered(Schema):
    organisation_id = UuidString(required=True)
    region = fields.String(required=True)
    status = fields.String(load_default="verified")


class OrganisationReviewed(Schema):
    organisation_id = UuidString(required=True)


class OrganisationUpdated(Schema):
    organisation_id = UuidString(required=True)
    region = fields.String(required=True)
    status = fields.String(required=True)


class NeedPosted(Schema):
    need_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", load_default=list)


class TalentFacts(Schema):
    """Which CSR offer (if any) put the talent forward, and the age band the youth-share KPI
    counts: nothing that identifies the person."""
    talent_id = UuidString(required=True)
    offer_id = UuidString(load_default=None, allow_none=True)
    age_band = fields.String(load_default=None)


class MatchCompleted(Schema):
    match_id = UuidString(required=True)
    need_id = UuidString(required=True)
    talent_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    hours = fields.Float(required=True)
    completed_on = fields.Date(required=True)
    people_reached = fields.Integer(load_default=0)  # added later; older events lack it


class OfferFacts(Schema):
    offer_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    kind = fields.String(required=True)
    regions = fields.List(fields.String(), required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    starts = fields.Date(required=True)
    quantity = fields.Float(load_default=None, allow_none=True)
    unit = fields.String(load_default=None, allow_none=True)


class OfferFulfilled(Schema):
    offer_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    kind = fields.String(required=True)
    quantity = fields.Float(required=True)
    unit = fields.String(required=True)
    value_yen = fields.Integer(required=True)
    value_basis = fields.String(required=True)
    need_id = UuidString(load_default=None, allow_none=True)
    recipient_organisation_id = UuidString(load_default=None, allow_none=True)
    region = fields.String(load_default=None, allow_none=True)
    people_reached = fields.Integer(load_default=0)
    fulfilled_on = fields.Date(required=True)


class FacilityRegistered(Schema):
    facility_id = UuidString(required=True)
    region = fields.String(required=True)
    room_ids = fields.List(UuidString(), required=True)


class FacilityManagerDesignated(Schema):
    facility_id = UuidString(required=True)
    organisation_id = UuidString(required=True)


class BookingFacts(Schema):
    booking_id = UuidString(required=True)
    facility_id = UuidString(required=True)
    room_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    status = fields.String(required=True)


class MembershipRateRecalculated(Schema):
    """Registry's answer for one region as of one day; registry owns the rule behind `rate`."""
    region = fields.String(required=True)
    as_of = fields.Date(required=True)
    associations = fields.Integer(required=True)
    households_in_area = fields.Integer(required=True)
    member_households = fields.Integer(required=True)
    rate = fields.Float(required=True, allow_none=True)


class NewcomerInterestRegistered(Schema):
    interest_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    region = fields.String(required=True)


class ConsultationOpened(Schema):
    consultation_id = UuidString(required=True)
    channel = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    opened_at = fields.AwareDateTime(required=True)


class ConsultationStatusChanged(Schema):
    consultation_id = UuidString(required=True)
    status = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    changed_at = fields.AwareDateTime(required=True)


class ConsultationFollowedUp(Schema):
    consultation_id = UuidString(required=True)
    followed_up_at = fields.AwareDateTime(required=True)


class ConsultationReferred(Schema):
    consultation_id = UuidString(required=True)
    referred_at = fields.AwareDateTime(required=True)


class OrganisationTie(Schema):
    tie_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    related_organisation_id = UuidString(required=True)
    kind = fields.String(required=True)


class RosterEntry(Schema):
    entry_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    role = fields.String(required=True)


class ReportRequested(Schema):
    """Reports' own request event: its worker generates the job's files."""
    job_id = UuidString(required=True)


class GatheringCreated(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    kind = fields.String(required=True)
    region = fields.String(required=True)
    starts_at = fields.AwareDateTime(required=True)
    capacity = fields.Integer(required=True)


class GatheringUpdated(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    capacity = fields.Integer(required=True)


class GatheringCancelled(Schema):
    gathering_id = UuidString(required=True)


class GatheringRoomSettled(Schema):
    gathering_id = UuidString(required=True)
    status = fields.String(required=True)


class GatheringAttendanceRecorded(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    region = fields.String(required=True)
    held_on = fields.Date(required=True)
    signed_up = fields.Integer(required=True)
    attended = fields.Integer(required=True)
    youth_attended = fields.Integer(required=True)
    first_timers_attended = fields.Integer(required=True)


class GatheringOutcomeRecorded(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    ideas = fields.Integer(required=True)
    follow_ups = fields.Integer(required=True)


class FundingOpportunityPublished(Schema):
    opportunity_id = UuidString(required=True)
    programme = fields.String(required=True)
    funder = fields.String(required=True)
    opens_on = fields.Date(required=True)


class FundingApplication(Schema):
    application_id = UuidString(required=True)
    programme = fields.String(required=True)
    region = fields.String(required=True)
    applied_on = fields.Date(required=True)
    result = fields.String()
    amount_yen = fields.Integer()


CONSUMED = EventCatalogue([
    EventContract("registry.organisation_registered", 1, OrganisationRegistered, {}),
    EventContract("registry.organisation_verified", 1, OrganisationReviewed, {}),
    EventContract("registry.organisation_rejected", 1, OrganisationReviewed, {}),
    EventContract("registry.organisation_updated", 1, OrganisationUpdated, {}),
    EventContract("matching.need_posted", 1, NeedPosted, {}),
    EventContract("matching.talent_registered", 1, TalentFacts, {}),
    EventContract("matching.talent_updated", 1, TalentFacts, {}),
    EventContract("matching.match_completed", 1, MatchCompleted, {}),
    EventContract("matching.offer_posted", 1, OfferFacts, {}),
    EventContract("matching.offer_updated", 1, OfferFacts, {}),
    EventContract("matching.offer_fulfilled", 1, OfferFulfilled, {}),
    EventContract("registry.facility_registered", 1, FacilityRegistered, {}),
    EventContract("registry.facility_manager_designated", 1, FacilityManagerDesignated, {}),
    EventContract("registry.booking_requested", 1, BookingFacts, {}),
    EventContract("registry.booking_confirmed", 1, BookingFacts, {}),
    EventContract("registry.booking_declined", 1, BookingFacts, {}),
    EventContract("registry.booking_cancelled", 1, BookingFacts, {}),
    EventContract("registry.membership_rate_recalculated", 1, MembershipRateRecalculated, {}),
    EventContract("registry.newcomer_interest_registered", 1, NewcomerInterestRegistered, {}),
    EventContract("registry.consultation_opened", 1, ConsultationOpened, {}),
    EventContract("registry.consultation_status_changed", 1, ConsultationStatusChanged, {}),
    EventContract("registry.consultation_followed_up", 1, ConsultationFollowedUp, {}),
    EventContract("registry.consultation_referred", 1, ConsultationReferred, {}),
    EventContract("registry.organisation_tie_declared", 1, OrganisationTie, {}),
    EventContract("registry.organisation_tie_removed", 1, OrganisationTie, {}),
    EventContract("registry.roster_entry_added", 1, RosterEntry, {}),
    EventContract("registry.roster_entry_removed", 1, RosterEntry, {}),
    EventContract("reports.report_requested", 1, ReportRequested, {}),
    EventContract("matching.gathering_created", 1, GatheringCreated, {}),
    EventContract("matching.gathering_updated", 1, GatheringUpdated, {}),
    EventContract("matching.gathering_cancelled", 1, GatheringCancelled, {}),
    EventContract("matching.gathering_room_settled", 1, GatheringRoomSettled, {}),
    EventContract("matching.gathering_attendance_recorded", 1, GatheringAttendanceRecorded, {}),
    EventContract("matching.gathering_outcome_recorded", 1, GatheringOutcomeRecorded, {}),
    EventContract("matching.funding_opportunity_published", 1, FundingOpportunityPublished, {}),
    EventContract("matching.funding_applied", 1, FundingApplication, {}),
    EventContract("matching.funding_result_recorded", 1, FundingApplication, {}),
    EventContract("notifications.delivered", 1, DeliveryOutcome, {}),
    EventContract("notifications.delivery_failed", 1, DeliveryOutcome, {}),
])
