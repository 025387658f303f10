"""The matching service: RPC for the gateway, events from registry, health."""
from datetime import timedelta

from nameko.timer import timer

from services.common.actor import Actor
from services.common.nameko_errors import rpc
from services.common.event_handling import apply_once
from services.common.nameko_events import consume_events
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.schema_loading import load
from services.common.topology import Subscription
from services.matching.adapters.tables import MESSAGING
from services.matching.adapters.unit_of_work import MatchingUnitOfWork
from services.matching.app import batch_assignment, matches, needs, offers, recommendations, talents
from services.matching.entrypoints.event_contracts import CONSUMED, PUBLISHED
from services.matching.entrypoints.match_schemas import (AssignmentSchema, AssignSchema, ExpiredSchema, ExpireSchema, FeedbackRequestSchema,
                                                         HoursRequestSchema, MatchIdSchema, MatchPageSchema,
                                                         MatchQuerySchema, MatchSchema, ProposeMatchSchema,
                                                         RelayedMessageListSchema, RelayedMessageSchema,
                                                         SendMessageRequestSchema)
from services.matching.entrypoints.offer_schemas import (NeedOffersQuerySchema, OfferIdSchema,
                                                         OfferListQuerySchema, OfferPageSchema,
                                                         OfferRankQuerySchema, OfferSchema, PostOfferSchema,
                                                         RankedNeedListSchema, RankedOfferListSchema,
                                                         UpdateOfferRequestSchema)
from services.matching.entrypoints.schemas import (CandidateListSchema, CandidatesQuerySchema,
                                                   ExposureQuerySchema, ExposureReportSchema, NeedIdSchema,
                                                   NeedPageSchema, NeedQuerySchema, NeedSchema,
                                                   OpportunitiesQuerySchema, OpportunityListSchema,
                                                   PostNeedSchema)
from services.matching.entrypoints.talent_schemas import (CreateTalentSchema, TalentIdSchema,
                                                          TalentListQuerySchema, TalentPageSchema,
                                                          TalentSchema, UpdateTalentRequestSchema)

EXPIRY_INTERVAL_SECONDS = 3600


class Service(HealthEndpoints, DeadLetterOperations):
    name = "matching"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(MatchingUnitOfWork, PUBLISHED, MESSAGING)

    @consume_events(CONSUMED)
    def handle_event(self, envelope, payload):
        apply_once(self.uow, envelope, payload, needs.EVENT_HANDLERS[envelope["type"]])

    @timer(interval=EXPIRY_INTERVAL_SECONDS)
    def expire_stale_proposals(self):
        matches.expire_stale(self.uow, None)

    # Needs
    @rpc
    def post_need(self, actor, request):
        command = load(PostNeedSchema(), request)
        need = needs.post_need(self.uow, Actor.from_dict(actor), command)
        return NeedSchema().dump(need)

    @rpc
    def list_needs(self, actor, request):
        query = load(NeedQuerySchema(), request)
        page = needs.list_needs(self.uow, query)
        return NeedPageSchema().dump(page)

    @rpc
    def get_need(self, actor, request):
        query = load(NeedIdSchema(), request)
        need = needs.get_need(self.uow, str(query["need_id"]))
        return NeedSchema().dump(need)

    # Talents
    @rpc
    def create_talent(self, actor, request):
        command = load(CreateTalentSchema(), request)
        talent = talents.create_talent(self.uow, Actor.from_dict(actor), **command)
        return TalentSchema().dump(talent)

    @rpc
    def get_talent(self, actor, request):
        query = load(TalentIdSchema(), request)
        talent = talents.get_talent(self.uow, Actor.from_dict(actor), str(query["talent_id"]))
        return TalentSchema().dump(talent)

    @rpc
    def update_talent(self, actor, request):
        command = load(UpdateTalentRequestSchema(), request)
        talent = talents.update_talent(self.uow, Actor.from_dict(actor), **command)
        return TalentSchema().dump(talent)

    @rpc
    def list_talents(self, actor, request):
        query = load(TalentListQuerySchema(), request)
        page = talents.list_talents(self.uow, Actor.from_dict(actor), query)
        return TalentPageSchema().dump(page)

    # Recommendations
    @rpc
    def candidates(self, actor, request):
        query = load(CandidatesQuerySchema(), request)
        found = recommendations.candidates(self.uow, Actor.from_dict(actor), str(query["need_id"]), query["limit"])
        return CandidateListSchema().dump({"items": found})

    @rpc
    def opportunities(self, actor, request):
        query = load(OpportunitiesQuerySchema(), request)
        found = recommendations.opportunities(self.uow, Actor.from_dict(actor), str(query["talent_id"]),
                                              query["limit"])
        return OpportunityListSchema().dump({"items": found})

    @rpc
    def exposure_report(self, actor, request):
        query = load(ExposureQuerySchema(), request)
        report = recommendations.exposure_report(self.uow, Actor.from_dict(actor), query["days"])
        return ExposureReportSchema().dump(report)

    # Matches
    @rpc
    def propose_match(self, actor, request):
        command = load(ProposeMatchSchema(), request)
        match = matches.propose_match(self.uow, Actor.from_dict(actor), command)
        return MatchSchema().dump(matches.MatchView(match, None))

    @rpc
    def get_match(self, actor, request):
        query = load(MatchIdSchema(), request)
        view = matches.get_match(self.uow, Actor.from_dict(actor), str(query["match_id"]))
        return MatchSchema().dump(view)

    @rpc
    def list_matches(self, actor, request):
        query = load(MatchQuerySchema(), request)
        page = matches.list_matches(self.uow, Actor.from_dict(actor), query)
        return MatchPageSchema().dump(page)

    @rpc
    def accept_match(self, actor, request):
        query = load(MatchIdSchema(), request)
        view = matches.accept(self.uow, Actor.from_dict(actor), str(query["match_id"]))
        return MatchSchema().dump(view)

    @rpc
    def decline_match(self, actor, request):
        query = load(MatchIdSchema(), request)
        view = matches.decline(self.uow, Actor.from_dict(actor), str(query["match_id"]))
        return MatchSchema().dump(view)

    @rpc
    def confirm_match(self, actor, request):
        query = load(MatchIdSchema(), request)
        view = matches.confirm(self.uow, Actor.from_dict(actor), str(query["match_id"]))
        return MatchSchema().dump(view)

    @rpc
    def withdraw_match(self, actor, request):
        query = load(MatchIdSchema(), request)
        view = matches.withdraw(self.uow, Actor.from_dict(actor), str(query["match_id"]))
        return MatchSchema().dump(view)

    @rpc
    def log_hours(self, actor, request):
        command = load(HoursRequestSchema(), request)
        view = matches.log_hours(self.uow, Actor.from_dict(actor), str(command["match_id"]), command["hours"])
        return MatchSchema().dump(view)

    @rpc
    def approve_hours(self, actor, request):
        query = load(MatchIdSchema(), request)
        view = matches.approve_hours(self.uow, Actor.from_dict(actor), str(query["match_id"]))
        return MatchSchema().dump(view)

    @rpc
    def give_feedback(self, actor, request):
        command = load(FeedbackRequestSchema(), request)
        view = matches.give_feedback(self.uow, Actor.from_dict(actor), str(command["match_id"]),
                                     command["rating"], command["comment"])
        return MatchSchema().dump(view)

    @rpc
    def send_message(self, actor, request):
        command = load(SendMessageRequestSchema(), request)
        message = matches.send_message(self.uow, Actor.from_dict(actor), **command)
        return RelayedMessageSchema().dump(message)

    @rpc
    def list_messages(self, actor, request):
        query = load(MatchIdSchema(), request)
        found = matches.list_messages(self.uow, Actor.from_dict(actor), str(query["match_id"]))
        return RelayedMessageListSchema().dump({"items": found})

    @rpc
    def expire_matches(self, actor, request):
        command = load(ExpireSchema(), request)
        expired = matches.expire_stale(self.uow, Actor.from_dict(actor),
                                       timedelta(days=command["older_than_days"]))
        return ExpiredSchema().dump({"expired": expired})

    @rpc
    def assign(self, actor, request):
        command = load(AssignSchema(), request)
        assignment = batch_assignment.assign(self.uow, Actor.from_dict(actor), **command)
        return AssignmentSchema().dump(assignment)

    # CSR offers
    @rpc
    def post_offer(self, actor, request):
        command = load(PostOfferSchema(), request)
        offer = offers.post_offer(self.uow, Actor.from_dict(actor), **command)
        return OfferSchema().dump(offer)

    @rpc
    def update_offer(self, actor, request):
        command = load(UpdateOfferRequestSchema(), request)
        offer = offers.update_offer(self.uow, Actor.from_dict(actor), **command)
        return OfferSchema().dump(offer)

    @rpc
    def get_offer(self, actor, request):
        query = load(OfferIdSchema(), request)
        offer = offers.get_offer(self.uow, str(query["offer_id"]))
        return OfferSchema().dump(offer)

    @rpc
    def list_offers(self, actor, request):
        query = load(OfferListQuerySchema(), request)
        page = offers.list_offers(self.uow, query)
        return OfferPageSchema().dump(page)

    @rpc
    def needs_for_offer(self, actor, request):
        query = load(OfferRankQuerySchema(), request)
        found = offers.needs_for_offer(self.uow, Actor.from_dict(actor), str(query["offer_id"]), query["limit"])
        return RankedNeedListSchema().dump({"items": found})

    @rpc
    def offers_for_need(self, actor, request):
        query = load(NeedOffersQuerySchema(), request)
        found = offers.offers_for_need(self.uow, Actor.from_dict(actor), str(query["need_id"]), query["limit"])
        return RankedOfferListSchema().dump({"items": found})
