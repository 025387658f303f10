"""The matching service: RPC for the gateway, events from registry, health."""
import os

from nameko.timer import timer

from services.common.audit_operations import AuditOperations
from services.common.event_handling import apply_batch
from services.common.files import file_reply
from services.common.nameko_events import consume_event_batches
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints, MessagePruning
from services.common.nameko_persistence import Persistence
from services.common.nameko_rpc import rpc
from services.common.schema_loading import load
from services.common.erasure_contract import ErasedSchema, ErasePersonRequest
from services.common.topology import Subscription
from services.matching.adapters.tables import MESSAGING
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app import (batch_assignment, calendar_feeds, erasure, funding, gathering_changes, gatherings,
                                   matches, needs, offers, recommendations, staff_invitations, talent_pool,
                                   talents)
from services.matching.app.event_handlers import EVENT_HANDLERS
from services.matching.contract.events import PUBLISHED
from services.matching.contract.funding_requests import (ApplyForFundingRequest, ListFundingOpportunitiesRequest,
                                                         FundingOpportunityIdRequest, OrganisationFundingRequest,
                                                         PublishFundingOpportunityRequest, RecordFundingResultRequest)
from services.matching.contract.funding_responses import (FundingApplicationListSchema, FundingApplicationSchema, FundingFitListSchema,
                                                          FundingOpportunityPageSchema, FundingOpportunitySchema)
from services.matching.contract.gathering_requests import (CalendarFeedTokenRequest, CancelGatheringRequest,
                                                           CreateGatheringRequest, GatheringIdRequest,
                                                           UpdateGatheringRequest,
                                                           ListGatheringsRequest, MyCalendarRequest,
                                                           RecordAttendanceRequest, RecordOutcomeRequest,
                                                           SignUpIdRequest, SignUpRequest)
from services.matching.contract.gathering_responses import (CalendarFeedSchema, GatheringPageSchema, GatheringSchema, SignUpListSchema,
                                                            SignUpSchema)
from services.matching.contract.requests import (ApproveHoursRequest, AssignRequest, CandidatesRequest,
                                                 CreateTalentRequest, EndNeedRequest, ExpireMatchesRequest,
                                                 ExposureReportRequest, FulfilOfferRequest, GetNeedRequest,
                                                 GetOfferRequest, GetTalentRequest, GiveFeedbackRequest,
                                                 InvitationIdRequest, InviteStaffRequest, ListInvitationsRequest,
                                                 ListMatchesRequest, ListNeedsRequest, ListOffersRequest,
                                                 ListTalentsRequest, LogHoursRequest, MatchIdRequest,
                                                 NeedsForOfferRequest, OffersForNeedRequest, OpportunitiesRequest,
                                                 PostNeedRequest, PostOfferRequest, ProposeMatchRequest,
                                                 SendMessageRequest, UpdateOfferRequest, UpdateTalentRequest)
from services.matching.contract.responses import (AssignmentSchema, CandidateListSchema, ExpiredSchema,
                                                  ExposureReportSchema, FulfilmentSchema, MatchPageSchema, MatchSchema,
                                                  NeedPageSchema,
                                                  NeedSchema, OfferPageSchema, OfferSchema, OpportunityListSchema,
                                                  RankedNeedListSchema, RankedOfferListSchema,
                                                  RelayedMessageListSchema, RelayedMessageSchema,
                                                  StaffInvitationPageSchema, StaffInvitationSchema, TalentPageSchema,
                                                  TalentSchema)
from services.matching.entrypoints import commands
from services.matching.entrypoints import calendar_files, funding_commands, gathering_commands
from services.matching.entrypoints.calendar_feed_key import calendar_feed_key
from services.matching.entrypoints.consumed_events import CONSUMED

EXPIRY_INTERVAL_SECONDS = 3600
# Waitlist offers expire within minutes of their deadline; reminders go the day before; funding
# windows are announced the day they open. Shorter in tests (KYODO_MATCHING_TIMER_SECONDS).
GATHERING_TIMER_SECONDS = float(os.environ.get("KYODO_MATCHING_TIMER_SECONDS", "300"))
ICALENDAR = "text/calendar; charset=utf-8"
# The talent pool is built at start, not by the first candidates request (seconds at 100,000
# talents), and patched now and then so that requests seldom find changes to patch in.
TALENT_POOL_SECONDS = 5.0


class Service(HealthEndpoints, DeadLetterOperations, MessagePruning, AuditOperations):
    name = "matching"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(SqlMatchingUnitOfWork, PUBLISHED, MESSAGING)

    @consume_event_batches(CONSUMED)
    def handle_events(self, events):
        apply_batch(self.uow, events, EVENT_HANDLERS)

    @timer(interval=TALENT_POOL_SECONDS, eager=True)
    def keep_talent_pool_current(self):
        talent_pool.warm_talent_pool(self.uow)

    @timer(interval=EXPIRY_INTERVAL_SECONDS)
    def expire_stale_proposals(self):
        matches.expire_stale(self.uow, None)

    @timer(interval=GATHERING_TIMER_SECONDS)
    def move_gathering_waitlists_and_remind(self):
        gatherings.expire_offers(self.uow)
        gatherings.send_reminders(self.uow)
        funding.send_window_notices(self.uow)

    # Needs
    @rpc
    def post_need(self, actor, request):
        command = commands.post_need(load(PostNeedRequest(), request))
        need = needs.post_need(self.uow, actor, command)
        return NeedSchema().dump(need)

    @rpc
    def list_needs(self, actor, request):
        query = commands.need_filter(load(ListNeedsRequest(), request))
        page = needs.list_needs(self.uow, query)
        return NeedPageSchema().dump(page)

    @rpc
    def get_need(self, actor, request):
        query = load(GetNeedRequest(), request)
        need = needs.get_need(self.uow, query["need_id"])
        return NeedSchema().dump(need)

    @rpc
    def end_need(self, actor, request):
        wanted = load(EndNeedRequest(), request)
        return NeedSchema().dump(needs.end_need(self.uow, actor, wanted["need_id"], wanted["reason"]))

    # Talents
    @rpc
    def create_talent(self, actor, request):
        command = commands.create_talent(load(CreateTalentRequest(), request))
        talent = talents.create_talent(self.uow, actor, **command)
        return TalentSchema().dump(talent)

    @rpc
    def get_talent(self, actor, request):
        query = load(GetTalentRequest(), request)
        talent = talents.get_talent(self.uow, actor, query["talent_id"])
        return TalentSchema().dump(talent)

    @rpc
    def update_talent(self, actor, request):
        command = commands.update_talent(load(UpdateTalentRequest(), request))
        talent = talents.update_talent(self.uow, actor, **command)
        return TalentSchema().dump(talent)

    @rpc
    def list_talents(self, actor, request):
        query = commands.talent_list_query(load(ListTalentsRequest(), request))
        page = talents.list_talents(self.uow, actor, query)
        return TalentPageSchema().dump(page)

    @rpc
    def delete_talent(self, actor, request):
        query = load(GetTalentRequest(), request)
        erased = erasure.delete_own_profile(self.uow, actor, query["talent_id"])
        return ErasedSchema().dump({"erased": erased})

    @rpc
    def erase_person(self, actor, request):
        query = load(ErasePersonRequest(), request)
        erased = erasure.erase_person(self.uow, actor, query["subject_id"])
        return ErasedSchema().dump({"erased": erased})

    # Staff invitations
    @rpc
    def invite_staff(self, actor, request):
        command = commands.invite_staff(load(InviteStaffRequest(), request))
        invitation = staff_invitations.invite_staff(self.uow, actor, command)
        return StaffInvitationSchema().dump(invitation)

    @rpc
    def list_staff_invitations(self, actor, request):
        query = commands.invitation_list_query(load(ListInvitationsRequest(), request))
        page = staff_invitations.list_invitations(self.uow, actor, query)
        return StaffInvitationPageSchema().dump(page)

    @rpc
    def get_staff_invitation(self, actor, request):
        query = load(InvitationIdRequest(), request)
        invitation = staff_invitations.get_invitation(self.uow, actor, query["invitation_id"])
        return StaffInvitationSchema().dump(invitation)

    @rpc
    def accept_staff_invitation(self, actor, request):
        query = load(InvitationIdRequest(), request)
        invitation = staff_invitations.accept_invitation(self.uow, actor, query["invitation_id"])
        return StaffInvitationSchema().dump(invitation)

    @rpc
    def decline_staff_invitation(self, actor, request):
        query = load(InvitationIdRequest(), request)
        invitation = staff_invitations.decline_invitation(self.uow, actor, query["invitation_id"])
        return StaffInvitationSchema().dump(invitation)

    # Recommendations
    @rpc
    def candidates(self, actor, request):
        query = load(CandidatesRequest(), request)
        found = recommendations.candidates(self.uow, actor, query["need_id"], query["limit"])
        return CandidateListSchema().dump({"items": found})

    @rpc
    def opportunities(self, actor, request):
        query = load(OpportunitiesRequest(), request)
        found = recommendations.opportunities(self.uow, actor, query["talent_id"], query["limit"])
        return OpportunityListSchema().dump({"items": found})

    @rpc
    def exposure_report(self, actor, request):
        query = load(ExposureReportRequest(), request)
        report = recommendations.exposure_report(self.uow, actor, query["days"])
        return ExposureReportSchema().dump(report)

    # Matches
    @rpc
    def propose_match(self, actor, request):
        command = commands.propose_match(load(ProposeMatchRequest(), request))
        match = matches.propose_match(self.uow, actor, command)
        return MatchSchema().dump(matches.MatchView(match, None))

    @rpc
    def get_match(self, actor, request):
        query = load(MatchIdRequest(), request)
        view = matches.get_match(self.uow, actor, query["match_id"])
        return MatchSchema().dump(view)

    @rpc
    def list_matches(self, actor, request):
        query = commands.match_filter(load(ListMatchesRequest(), request))
        page = matches.list_matches(self.uow, actor, query)
        return MatchPageSchema().dump(page)

    @rpc
    def accept_match(self, actor, request):
        query = load(MatchIdRequest(), request)
        view = matches.accept(self.uow, actor, query["match_id"])
        return MatchSchema().dump(view)

    @rpc
    def decline_match(self, actor, request):
        query = load(MatchIdRequest(), request)
        view = matches.decline(self.uow, actor, query["match_id"])
        return MatchSchema().dump(view)

    @rpc
    def confirm_match(self, actor, request):
        query = load(MatchIdRequest(), request)
        view = matches.confirm(self.uow, actor, query["match_id"])
        return MatchSchema().dump(view)

    @rpc
    def withdraw_match(self, actor, request):
        query = load(MatchIdRequest(), request)
        view = matches.withdraw(self.uow, actor, query["match_id"])
        return MatchSchema().dump(view)

    @rpc
    def log_hours(self, actor, request):
        command = load(LogHoursRequest(), request)
        view = matches.log_hours(self.uow, actor, command["match_id"], command["hours"])
        return MatchSchema().dump(view)

    @rpc
    def approve_hours(self, actor, request):
        command = load(ApproveHoursRequest(), request)
        view = matches.approve_hours(self.uow, actor, command["match_id"], command["people_reached"])
        return MatchSchema().dump(view)

    @rpc
    def give_feedback(self, actor, request):
        command = load(GiveFeedbackRequest(), request)
        view = matches.give_feedback(self.uow, actor, command["match_id"], command["rating"], command["comment"])
        return MatchSchema().dump(view)

    @rpc
    def send_message(self, actor, request):
        command = commands.send_message(load(SendMessageRequest(), request))
        message = matches.send_message(self.uow, actor, **command)
        return RelayedMessageSchema().dump(message)

    @rpc
    def list_messages(self, actor, request):
        query = load(MatchIdRequest(), request)
        found = matches.list_messages(self.uow, actor, query["match_id"])
        return RelayedMessageListSchema().dump({"items": found})

    @rpc
    def expire_matches(self, actor, request):
        older_than = commands.proposal_age(load(ExpireMatchesRequest(), request))
        expired = matches.expire_stale(self.uow, actor, older_than)
        return ExpiredSchema().dump({"expired": expired})

    @rpc
    def assign(self, actor, request):
        command = commands.assign(load(AssignRequest(), request))
        assignment = batch_assignment.assign(self.uow, actor, **command)
        return AssignmentSchema().dump(assignment)

    # CSR offers
    @rpc
    def post_offer(self, actor, request):
        command = commands.post_offer(load(PostOfferRequest(), request))
        offer = offers.post_offer(self.uow, actor, **command)
        return OfferSchema().dump(offer)

    @rpc
    def update_offer(self, actor, request):
        command = commands.update_offer(load(UpdateOfferRequest(), request))
        offer = offers.update_offer(self.uow, actor, **command)
        return OfferSchema().dump(offer)

    @rpc
    def fulfil_offer(self, actor, request):
        command = commands.fulfil_offer(load(FulfilOfferRequest(), request))
        fulfilment = offers.fulfil_offer(self.uow, actor, **command)
        return FulfilmentSchema().dump(fulfilment)

    @rpc
    def get_offer(self, actor, request):
        query = load(GetOfferRequest(), request)
        offer = offers.get_offer(self.uow, query["offer_id"])
        return OfferSchema().dump(offer)

    @rpc
    def list_offers(self, actor, request):
        query = commands.offer_list_query(load(ListOffersRequest(), request))
        page = offers.list_offers(self.uow, query)
        return OfferPageSchema().dump(page)

    @rpc
    def needs_for_offer(self, actor, request):
        query = load(NeedsForOfferRequest(), request)
        found = offers.needs_for_offer(self.uow, actor, query["offer_id"], query["limit"])
        return RankedNeedListSchema().dump({"items": found})

    @rpc
    def offers_for_need(self, actor, request):
        query = load(OffersForNeedRequest(), request)
        found = offers.offers_for_need(self.uow, actor, query["need_id"], query["limit"])
        return RankedOfferListSchema().dump({"items": found})

    # Workshops, courses, talks and exchange meetings
    @rpc
    def create_gathering(self, actor, request):
        command = gathering_commands.create_gathering(load(CreateGatheringRequest(), request))
        view = gatherings.create_gathering(self.uow, actor, command)
        return GatheringSchema().dump(view)

    @rpc
    def get_gathering(self, actor, request):
        query = load(GatheringIdRequest(), request)
        view = gatherings.get_gathering(self.uow, actor, query["gathering_id"])
        return GatheringSchema().dump(view)

    @rpc
    def list_gatherings(self, actor, request):
        query = gathering_commands.gathering_filter(load(ListGatheringsRequest(), request))
        page = gatherings.list_gatherings(self.uow, actor, query)
        return GatheringPageSchema().dump(page)

    @rpc
    def update_gathering(self, actor, request):
        command = gathering_commands.update_gathering(load(UpdateGatheringRequest(), request))
        view = gathering_changes.update_gathering(self.uow, actor, command)
        return GatheringSchema().dump(view)

    @rpc
    def cancel_gathering(self, actor, request):
        command = load(CancelGatheringRequest(), request)
        view = gathering_changes.cancel_gathering(self.uow, actor, command["gathering_id"], command["reason"])
        return GatheringSchema().dump(view)

    @rpc
    def gathering_calendar(self, actor, request):
        query = load(GatheringIdRequest(), request)
        view = gatherings.get_gathering(self.uow, actor, query["gathering_id"])
        return file_reply(calendar_files.gathering_calendar(view), ICALENDAR)

    @rpc
    def my_calendar(self, actor, request):
        load(MyCalendarRequest(), request)
        entries = gatherings.my_gatherings(self.uow, actor)
        return file_reply(calendar_files.personal_calendar(entries), ICALENDAR)

    @rpc
    def calendar_feed(self, actor, request):
        load(MyCalendarRequest(), request)
        feed = calendar_feeds.calendar_feed(self.uow, actor, calendar_feed_key())
        return CalendarFeedSchema().dump(feed)

    @rpc
    def rotate_calendar_feed(self, actor, request):
        load(MyCalendarRequest(), request)
        feed = calendar_feeds.rotate_calendar_feed(self.uow, actor, calendar_feed_key())
        return CalendarFeedSchema().dump(feed)

    @rpc
    def calendar_feed_file(self, actor, request):
        query = load(CalendarFeedTokenRequest(), request)
        entries = calendar_feeds.feed_entries(self.uow, query["token"], calendar_feed_key())
        return file_reply(calendar_files.personal_calendar(entries), ICALENDAR)

    @rpc
    def sign_up(self, actor, request):
        command = gathering_commands.sign_up(load(SignUpRequest(), request))
        sign_up = gatherings.sign_up(self.uow, actor, command)
        return SignUpSchema().dump(sign_up)

    @rpc
    def cancel_sign_up(self, actor, request):
        query = load(SignUpIdRequest(), request)
        sign_up = gatherings.cancel_sign_up(self.uow, actor, query["sign_up_id"])
        return SignUpSchema().dump(sign_up)

    @rpc
    def confirm_place(self, actor, request):
        query = load(SignUpIdRequest(), request)
        sign_up = gatherings.confirm_place(self.uow, actor, query["sign_up_id"])
        return SignUpSchema().dump(sign_up)

    @rpc
    def list_sign_ups(self, actor, request):
        query = load(GatheringIdRequest(), request)
        found = gatherings.list_sign_ups(self.uow, actor, query["gathering_id"])
        return SignUpListSchema().dump({"items": found})

    @rpc
    def record_attendance(self, actor, request):
        command = load(RecordAttendanceRequest(), request)
        view = gatherings.record_attendance(self.uow, actor, command["gathering_id"], command["attended"])
        return GatheringSchema().dump(view)

    @rpc
    def record_outcome(self, actor, request):
        command = load(RecordOutcomeRequest(), request)
        view = gatherings.record_outcome(self.uow, actor, command["gathering_id"],
                                         gathering_commands.outcome(command))
        return GatheringSchema().dump(view)

    # Funding opportunities
    @rpc
    def publish_opportunity(self, actor, request):
        command = funding_commands.publish_opportunity(load(PublishFundingOpportunityRequest(), request))
        opportunity = funding.publish_opportunity(self.uow, actor, command)
        return FundingOpportunitySchema().dump(opportunity)

    @rpc
    def get_opportunity(self, actor, request):
        query = load(FundingOpportunityIdRequest(), request)
        opportunity = funding.get_opportunity(self.uow, query["opportunity_id"])
        return FundingOpportunitySchema().dump(opportunity)

    @rpc
    def list_opportunities(self, actor, request):
        query = funding_commands.opportunity_list(load(ListFundingOpportunitiesRequest(), request))
        page = funding.list_opportunities(self.uow, **query)
        return FundingOpportunityPageSchema().dump(page)

    @rpc
    def funding_eligibility(self, actor, request):
        query = load(OrganisationFundingRequest(), request)
        fits = funding.eligibility(self.uow, actor, query.get("organisation_id"))
        return FundingFitListSchema().dump({"items": fits})

    @rpc
    def apply_for_funding(self, actor, request):
        command = funding_commands.apply(load(ApplyForFundingRequest(), request))
        application = funding.apply_for(self.uow, actor, **command)
        return FundingApplicationSchema().dump(application)

    @rpc
    def record_funding_result(self, actor, request):
        command = load(RecordFundingResultRequest(), request)
        application = funding.record_result(self.uow, actor, **command)
        return FundingApplicationSchema().dump(application)

    @rpc
    def list_funding_applications(self, actor, request):
        query = load(OrganisationFundingRequest(), request)
        found = funding.list_applications(self.uow, actor, query.get("organisation_id"))
        return FundingApplicationListSchema().dump({"items": found})

