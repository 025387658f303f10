"""Notifications' own tolerant readers of the events it turns into messages (only the fields it reads)."""
from marshmallow import Schema, fields

from services.common.contract_schema import UuidString
from services.common.event_contracts import EventCatalogue, EventContract


class NeedPosted(Schema):
    need_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    title = fields.String(required=True)
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    slots = fields.Integer(required=True)


class NeedClosed(Schema):
    need_id = UuidString(required=True)
    reason = fields.String(required=True)


class NeedReopened(Schema):
    need_id = UuidString(required=True)


class TalentChanged(Schema):
    talent_id = UuidString(required=True)
    changed = fields.List(fields.String())


class MatchChanged(Schema):
    match_id = UuidString(required=True)
    need_id = UuidString(required=True)
    talent_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    by = fields.String()
    proposed_by = fields.String()
    hours = fields.Float()
    rating = fields.Integer()
    message_id = UuidString()


class OfferChanged(Schema):
    offer_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    starts = fields.String()
    ends = fields.String()
    status = fields.String()
    changed = fields.List(fields.String())


class ReportReady(Schema):
    job_id = UuidString(required=True)
    requested_by = fields.String(required=True)  # a recipient id: "partner:<uuid>", "operator:<key>"
    report_kind = fields.String(required=True)
    fiscal_year = fields.Integer(allow_none=True)
    formats = fields.List(fields.String(), load_default=list)


class NewcomerInterestRegistered(Schema):
    interest_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    region = fields.String(required=True)
    town = fields.String(required=True)


class GatheringNotice(Schema):
    gathering_id = UuidString(required=True)
    participant = fields.String()  # an inbox key: "citizen:<id>" or "organisation:<id>"
    organiser_id = UuidString()
    status = fields.String()
    reason = fields.String()
    seats = fields.Integer()
    starts_at = fields.AwareDateTime()
    confirm_by = fields.AwareDateTime()
    participants = fields.List(fields.String())  # inbox keys, on matching.gathering_updated
    changed = fields.List(fields.String())


class GatheringCreated(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    kind = fields.String(required=True)
    region = fields.String(required=True)
    starts_at = fields.AwareDateTime(required=True)
    capacity = fields.Integer(required=True)


class FundingNotice(Schema):
    opportunity_id = UuidString(required=True)
    programme = fields.String(required=True)
    closes_on = fields.Date(required=True)
    organisation_ids = fields.List(UuidString(), required=True)


class OrganisationFacts(Schema):
    """Only the kind: who may send a circular (自治会・町内会)."""
    organisation_id = UuidString(required=True)
    kind = fields.String(required=True)


class RosterEntryChanged(Schema):
    entry_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    person_id = fields.String(allow_none=True, load_default=None)  # older events lack it


MATCH_EVENTS = ("match_proposed", "match_accepted", "match_waitlisted", "match_promoted",
                "match_confirmed", "contact_released", "match_declined", "match_withdrawn",
                "match_expired", "match_hours_logged", "match_completed", "match_feedback_given",
                "match_message_sent")

CONSUMED = EventCatalogue([
    EventContract("matching.need_posted", 1, NeedPosted, {}),
    EventContract("matching.need_closed", 1, NeedClosed, {}),
    EventContract("matching.need_reopened", 1, NeedReopened, {}),
    EventContract("matching.talent_registered", 1, TalentChanged, {}),
    EventContract("matching.talent_updated", 1, TalentChanged, {}),
    EventContract("matching.offer_posted", 1, OfferChanged, {}),
    EventContract("matching.offer_updated", 1, OfferChanged, {}),
    *(EventContract(f"matching.{name}", 1, MatchChanged, {}) for name in MATCH_EVENTS),
    EventContract("reports.report_ready", 1, ReportReady, {}),
    EventContract("registry.newcomer_interest_registered", 1, NewcomerInterestRegistered, {}),
    EventContract("matching.gathering_created", 1, GatheringCreated, {}),
    EventContract("matching.gathering_room_settled", 1, GatheringNotice, {}),
    EventContract("matching.gathering_updated", 1, GatheringNotice, {}),
    EventContract("matching.gathering_cancelled", 1, GatheringNotice, {}),
    *(EventContract(f"matching.{name}", 1, GatheringNotice, {}) for name in (
        "gathering_signed_up", "gathering_sign_up_cancelled", "gathering_place_offered",
        "gathering_place_confirmed", "gathering_offer_expired", "gathering_reminder_due")),
    EventContract("matching.funding_window_opened", 1, FundingNotice, {}),
    EventContract("matching.funding_closing_soon", 1, FundingNotice, {}),
    EventContract("registry.organisation_registered", 1, OrganisationFacts, {}),
    EventContract("registry.organisation_updated", 1, OrganisationFacts, {}),
    EventContract("registry.roster_entry_added", 1, RosterEntryChanged, {}),
    EventContract("registry.roster_entry_removed", 1, RosterEntryChanged, {}),
])
