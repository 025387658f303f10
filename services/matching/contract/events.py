"""The events matching publishes: each payload's schema, an example, and the `PUBLISHED` catalogue.

Ids and public facts only: never names, e-mail or phone (DESIGN.md, "Events").
"""
from marshmallow import Schema, fields, validate

from services.common.contract_schema import UuidString
from services.common.event_contracts import EventCatalogue, EventContract
from services.matching.contract.vocabulary import NEED_CLOSE_REASONS, VALUE_BASES


class NeedPostedV1(Schema):
    need_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    slots = fields.Integer(required=True)


class NeedClosedV1(Schema):
    need_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(NEED_CLOSE_REASONS), metadata={
        "description": "filled: 枠が埋まった / filled; closed: 締切 / closed; cancelled: 中止 / cancelled"})


class NeedReopenedV1(Schema):
    need_id = UuidString(required=True)
    organisation_id = UuidString(required=True)


class TalentRegisteredV1(Schema):
    talent_id = UuidString(required=True)
    age_band = fields.String(required=True)
    home_region = fields.String(required=True, allow_none=True)
    regions = fields.List(fields.String(), required=True)
    online = fields.Boolean(required=True)
    first_timer = fields.Boolean(required=True)
    origin = fields.String(required=True)
    # Added later (additive): the CSR offer that put a business's staff member forward, so
    # reports can credit the business with its staff's hours.
    offer_id = UuidString(required=True, allow_none=True)


class TalentUpdatedV1(TalentRegisteredV1):
    changed = fields.List(fields.String(), required=True)


class MatchFactsV1(Schema):
    match_id = UuidString(required=True)
    need_id = UuidString(required=True)
    talent_id = UuidString(required=True)
    organisation_id = UuidString(required=True)


class MatchProposedV1(MatchFactsV1):
    proposed_by = fields.String(required=True)
    score = fields.Float(required=True, allow_none=True)
    weights_version = fields.String(required=True, allow_none=True)


class MatchByV1(MatchFactsV1):
    by = fields.String(required=True)


class MatchHoursV1(MatchFactsV1):
    hours = fields.Float(required=True)


class MatchCompletedV1(MatchHoursV1):
    # Added later (additive): the day the organisation approved the hours (ISO date).
    completed_on = fields.Date(required=True)
    # Added later (additive): the people the activity reached, as the organisation counted them
    # when it approved (0 when it did not say; older events lack it).
    people_reached = fields.Integer(load_default=0, validate=validate.Range(min=0))


class MatchFeedbackV1(MatchByV1):
    rating = fields.Integer(required=True)


class MatchMessageSentV1(MatchByV1):
    message_id = UuidString(required=True)


class OfferPostedV1(Schema):
    offer_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    kind = fields.String(required=True)
    regions = fields.List(fields.String(), required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    online = fields.Boolean(required=True)
    starts = fields.Date(required=True)
    ends = fields.Date(required=True)
    status = fields.String(required=True)
    # Added later (additive): the stated value basis of what is offered (円 for money).
    quantity = fields.Float(required=True)
    unit = fields.String(required=True)


class OfferUpdatedV1(OfferPostedV1):
    changed = fields.List(fields.String(), required=True)


class OfferFulfilledV1(Schema):
    """What the offer gave, recorded once. In-kind gifts carry their stated value basis; the
    recipient organisation and region come from the need the gift answered (null without one)."""
    offer_id = UuidString(required=True)
    organisation_id = UuidString(required=True, metadata={"description": "提供した事業者 / the business"})
    kind = fields.String(required=True)
    quantity = fields.Float(required=True)
    unit = fields.String(required=True)
    value_yen = fields.Integer(required=True)
    value_basis = fields.String(required=True, validate=validate.OneOf(VALUE_BASES))
    need_id = UuidString(required=True, allow_none=True)
    recipient_organisation_id = UuidString(required=True, allow_none=True)
    region = fields.String(required=True, allow_none=True)
    people_reached = fields.Integer(required=True)
    fulfilled_on = fields.Date(required=True)


class GatheringCreatedV1(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    kind = fields.String(required=True)
    region = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    starts_at = fields.AwareDateTime(required=True)
    capacity = fields.Integer(required=True)
    fee_yen = fields.Integer(required=True)
    online = fields.Boolean(required=True)
    status = fields.String(required=True)


class GatheringRoomSettledV1(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    status = fields.String(required=True)
    reason = fields.String(required=True)


class GatheringUpdatedV1(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    changed = fields.List(fields.String(), required=True)
    capacity = fields.Integer(required=True)
    participants = fields.List(fields.String(), required=True, metadata={
        "description": "知らせる相手（受信箱キー） / inbox keys of the participants to tell"})


class GatheringCancelledV1(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    reason = fields.String(required=True)
    booking_ids = fields.List(UuidString(), required=True)


class SignUpFactsV1(Schema):
    """A participant is its inbox key ("citizen:<talent id>", "organisation:<id>"), never a name."""
    gathering_id = UuidString(required=True)
    sign_up_id = UuidString(required=True)
    participant = fields.String(required=True)
    seats = fields.Integer(required=True)


class GatheringSignedUpV1(SignUpFactsV1):
    status = fields.String(required=True)
    youth = fields.Boolean(required=True)
    first_timer = fields.Boolean(required=True)


class GatheringSignUpCancelledV1(SignUpFactsV1):
    previous_status = fields.String(required=True)
    reason = fields.String(load_default="", metadata={
        "description": "主催側の事情で終わった理由（本人の取消は空） / why the gathering's side ended it; "
                       "empty when the participant cancelled"})


class GatheringPlaceOfferedV1(SignUpFactsV1):
    confirm_by = fields.AwareDateTime(required=True)


class GatheringReminderDueV1(SignUpFactsV1):
    starts_at = fields.AwareDateTime(required=True)


class GatheringAttendanceRecordedV1(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    region = fields.String(required=True)
    held_on = fields.Date(required=True)
    signed_up = fields.Integer(required=True)
    attended = fields.Integer(required=True)
    youth_attended = fields.Integer(required=True)
    first_timers_attended = fields.Integer(required=True)


class GatheringOutcomeRecordedV1(Schema):
    gathering_id = UuidString(required=True)
    organiser_id = UuidString(required=True)
    ideas = fields.Integer(required=True)
    follow_ups = fields.Integer(required=True)


class FundingOpportunityPublishedV1(Schema):
    opportunity_id = UuidString(required=True)
    programme = fields.String(required=True)
    funder = fields.String(required=True)
    opens_on = fields.Date(required=True)
    closes_on = fields.Date(required=True)
    amount_min_yen = fields.Integer(required=True)
    amount_max_yen = fields.Integer(required=True)
    regions = fields.List(fields.String(), required=True)


class FundingNoticeV1(Schema):
    """The organisations eligible for the opportunity (window opened), or those among them that
    have not applied yet (closing soon)."""
    opportunity_id = UuidString(required=True)
    programme = fields.String(required=True)
    closes_on = fields.Date(required=True)
    organisation_ids = fields.List(UuidString(), required=True)


class FundingApplicationV1(Schema):
    application_id = UuidString(required=True)
    opportunity_id = UuidString(required=True)
    organisation_id = UuidString(required=True)
    programme = fields.String(required=True)
    region = fields.String(required=True)
    applied_on = fields.Date(required=True)


class FundingResultV1(FundingApplicationV1):
    result = fields.String(required=True)
    amount_yen = fields.Integer(required=True)


OPPORTUNITY = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
APPLICATION = {"application_id": "3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f", "opportunity_id": OPPORTUNITY,
               "organisation_id": "4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f", "programme": "協働のまちづくり事業補助金",
               "region": "yu", "applied_on": "2027-05-10"}
GATHERING = "6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a"
ORGANISER = "4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f"
SIGN_UP = {"gathering_id": GATHERING, "sign_up_id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
           "participant": "citizen:c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "seats": 1}

OFFER = {"offer_id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", "organisation_id": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
         "kind": "staff_time", "regions": ["iwakuni"], "fields": ["environment"], "online": False,
         "starts": "2027-01-01", "ends": "2027-03-31", "status": "open", "quantity": 10.0, "unit": "人"}

FACTS = {"match_id": "7a3c1d2e-5b6f-4a8b-9c0d-1e2f3a4b5c6d",
         "need_id": "0b7d5c1e-3f7a-4c1d-9a55-6e2f1b8c9d01",
         "talent_id": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
         "organisation_id": "4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f"}
TALENT = {"talent_id": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "age_band": "20代",
          "home_region": "kuga", "regions": ["kuga", "iwakuni"], "online": True,
          "first_timer": True, "origin": "citizen", "offer_id": None}

PUBLISHED = EventCatalogue([
    EventContract("matching.need_posted", 1, NeedPostedV1, {
        "need_id": "0b7d5c1e-3f7a-4c1d-9a55-6e2f1b8c9d01",
        "organisation_id": "4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f",
        "title": "防災訓練の受付ボランティア募集", "kind": "volunteer_shift", "region": "yu",
        "fields": ["disaster_prevention"], "slots": 5}),
    EventContract("matching.need_closed", 1, NeedClosedV1, {
        "need_id": FACTS["need_id"], "organisation_id": FACTS["organisation_id"], "reason": "filled"}),
    EventContract("matching.need_reopened", 1, NeedReopenedV1, {
        "need_id": FACTS["need_id"], "organisation_id": FACTS["organisation_id"]}),
    EventContract("matching.talent_registered", 1, TalentRegisteredV1, TALENT),
    EventContract("matching.talent_updated", 1, TalentUpdatedV1, {**TALENT, "changed": ["skills"]}),
    EventContract("matching.match_proposed", 1, MatchProposedV1, {
        **FACTS, "proposed_by": "organisation", "score": 0.83, "weights_version": "2026-11-v1"}),
    EventContract("matching.match_accepted", 1, MatchByV1, {**FACTS, "by": "talent"}),
    EventContract("matching.match_waitlisted", 1, MatchByV1, {**FACTS, "by": "talent"}),
    EventContract("matching.match_promoted", 1, MatchFactsV1, FACTS),
    EventContract("matching.match_confirmed", 1, MatchByV1, {**FACTS, "by": "organisation"}),
    EventContract("matching.contact_released", 1, MatchFactsV1, FACTS),
    EventContract("matching.match_declined", 1, MatchByV1, {**FACTS, "by": "talent"}),
    EventContract("matching.match_withdrawn", 1, MatchByV1, {**FACTS, "by": "organisation"}),
    EventContract("matching.match_expired", 1, MatchFactsV1, FACTS),
    EventContract("matching.match_hours_logged", 1, MatchHoursV1, {**FACTS, "hours": 3.5}),
    EventContract("matching.match_completed", 1, MatchCompletedV1, {**FACTS, "hours": 3.5,
                                                                     "completed_on": "2027-02-06",
                                                                     "people_reached": 40}),
    EventContract("matching.match_message_sent", 1, MatchMessageSentV1, {
        **FACTS, "by": "organisation", "message_id": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"}),
    EventContract("matching.offer_posted", 1, OfferPostedV1, OFFER),
    EventContract("matching.offer_updated", 1, OfferUpdatedV1, {**OFFER, "status": "closed", "changed": ["status"]}),
    EventContract("matching.offer_fulfilled", 1, OfferFulfilledV1, {
        "offer_id": "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a", "organisation_id": OFFER["organisation_id"],
        "kind": "goods", "quantity": 120.0, "unit": "食", "value_yen": 36000, "value_basis": "market_price",
        "need_id": "0b7d5c1e-3f7a-4c1d-9a55-6e2f1b8c9d01", "recipient_organisation_id": FACTS["organisation_id"],
        "region": "yu", "people_reached": 120, "fulfilled_on": "2027-02-06"}),
    EventContract("matching.match_feedback_given", 1, MatchFeedbackV1, {**FACTS, "by": "talent", "rating": 5}),
    EventContract("matching.gathering_created", 1, GatheringCreatedV1, {
        "gathering_id": GATHERING, "organiser_id": ORGANISER, "kind": "workshop", "region": "iwakuni",
        "fields": ["disaster_prevention"], "starts_at": "2027-02-06T10:00:00+09:00", "capacity": 30,
        "fee_yen": 0, "online": False, "status": "waiting_for_room"}),
    EventContract("matching.gathering_room_settled", 1, GatheringRoomSettledV1, {
        "gathering_id": GATHERING, "organiser_id": ORGANISER, "status": "scheduled", "reason": ""}),
    EventContract("matching.gathering_updated", 1, GatheringUpdatedV1, {
        "gathering_id": GATHERING, "organiser_id": ORGANISER, "changed": ["title", "capacity"], "capacity": 40,
        "participants": ["citizen:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"]}),
    EventContract("matching.gathering_cancelled", 1, GatheringCancelledV1, {
        "gathering_id": GATHERING, "organiser_id": ORGANISER, "reason": "台風接近のため / because of the typhoon",
        "booking_ids": ["2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"]}),
    EventContract("matching.gathering_signed_up", 1, GatheringSignedUpV1, {
        **SIGN_UP, "status": "confirmed", "youth": True, "first_timer": True}),
    EventContract("matching.gathering_sign_up_cancelled", 1, GatheringSignUpCancelledV1, {
        **SIGN_UP, "previous_status": "confirmed",
        "reason": "会場の予約がcancelledになりました / the room booking was cancelled"}),
    EventContract("matching.gathering_place_offered", 1, GatheringPlaceOfferedV1, {
        **SIGN_UP, "confirm_by": "2027-02-04T10:00:00+00:00"}),
    EventContract("matching.gathering_place_confirmed", 1, SignUpFactsV1, SIGN_UP),
    EventContract("matching.gathering_offer_expired", 1, SignUpFactsV1, SIGN_UP),
    EventContract("matching.gathering_reminder_due", 1, GatheringReminderDueV1, {
        **SIGN_UP, "starts_at": "2027-02-06T10:00:00+09:00"}),
    EventContract("matching.gathering_attendance_recorded", 1, GatheringAttendanceRecordedV1, {
        "gathering_id": GATHERING, "organiser_id": ORGANISER, "region": "iwakuni", "held_on": "2027-02-06",
        "signed_up": 28, "attended": 25, "youth_attended": 6, "first_timers_attended": 9}),
    EventContract("matching.gathering_outcome_recorded", 1, GatheringOutcomeRecordedV1, {
        "gathering_id": GATHERING, "organiser_id": ORGANISER, "ideas": 4, "follow_ups": 2}),
    EventContract("matching.funding_opportunity_published", 1, FundingOpportunityPublishedV1, {
        "opportunity_id": OPPORTUNITY, "programme": "協働のまちづくり事業補助金", "funder": "岩国市",
        "opens_on": "2027-04-15", "closes_on": "2027-05-31", "amount_min_yen": 50000, "amount_max_yen": 300000,
        "regions": ["yu", "kuga"]}),
    EventContract("matching.funding_window_opened", 1, FundingNoticeV1, {
        "opportunity_id": OPPORTUNITY, "programme": "協働のまちづくり事業補助金", "closes_on": "2027-05-31",
        "organisation_ids": ["4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f", "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"]}),
    EventContract("matching.funding_closing_soon", 1, FundingNoticeV1, {
        "opportunity_id": OPPORTUNITY, "programme": "協働のまちづくり事業補助金", "closes_on": "2027-05-31",
        "organisation_ids": ["5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"]}),
    EventContract("matching.funding_applied", 1, FundingApplicationV1, APPLICATION),
    EventContract("matching.funding_result_recorded", 1, FundingResultV1, {
        **APPLICATION, "result": "awarded", "amount_yen": 200000}),
])
