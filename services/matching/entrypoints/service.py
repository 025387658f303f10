"""The matching service: RPC for the gateway, events from registry, health."""
from nameko.timer import timer

from services.common.audit_operations import AuditOperations
from services.common.event_handling import apply_batch
from services.common.nameko_events import consume_event_batches
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.nameko_rpc import rpc
from services.common.schema_loading import load
from services.common.erasure_contract import ErasedSchema, ErasePersonRequest
from services.common.topology import Subscription
from services.matching.adapters.tables import MESSAGING
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app import (batch_assignment, erasure, matches, needs, offers, recommendations,
                                   staff_invitations, talents)
from services.matching.app.event_handlers import EVENT_HANDLERS
from services.matching.contract.events import PUBLISHED
from services.matching.contract.requests import (AssignRequest, CandidatesRequest, CreateTalentRequest,
                                                 ExpireMatchesRequest, ExposureReportRequest, GetNeedRequest,
                                                 GetOfferRequest, GetTalentRequest, GiveFeedbackRequest,
                                                 InvitationIdRequest, InviteStaffRequest, ListInvitationsRequest,
                                                 ListMatchesRequest, ListNeedsRequest, ListOffersRequest,
                                                 ListTalentsRequest, LogHoursRequest, MatchIdRequest,
                                                 NeedsForOfferRequest, OffersForNeedRequest, OpportunitiesRequest,
                                                 PostNeedRequest, PostOfferRequest, ProposeMatchRequest,
                                                 SendMessageRequest, UpdateOfferRequest, UpdateTalentRequest)
from services.matching.contract.responses import (AssignmentSchema, CandidateListSchema, ExpiredSchema,
                                                  ExposureReportSchema, MatchPageSchema, MatchSchema, NeedPageSchema,
                                                  NeedSchema, OfferPageSchema, OfferSchema, OpportunityListSchema,
                                                  RankedNeedListSchema, RankedOfferListSchema,
                                                  RelayedMessageListSchema, RelayedMessageSchema,
                                                  StaffInvitationPageSchema, StaffInvitationSchema, TalentPageSchema,
                                                  TalentSchema)
from services.matching.entrypoints import commands
from services.matching.entrypoints.consumed_events import CONSUMED

EXPIRY_INTERVAL_SECONDS = 3600


class Service(HealthEndpoints, DeadLetterOperations, AuditOperations):
    name = "matching"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(SqlMatchingUnitOfWork, PUBLISHED, MESSAGING)

    @consume_event_batches(CONSUMED)
    def handle_events(self, events):
        apply_batch(self.uow, events, EVENT_HANDLERS)

    @timer(interval=EXPIRY_INTERVAL_SECONDS)
    def expire_stale_proposals(self):
        matches.expire_stale(self.uow, None)

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
        query = load(MatchIdRequest(), request)
        view = matches.approve_hours(self.uow, actor, query["match_id"])
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
