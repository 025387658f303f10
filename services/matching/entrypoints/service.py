"""The matching service: RPC for the gateway, events from registry, health."""

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
from services.matching.app import needs
from services.matching.entrypoints.event_contracts import CONSUMED, PUBLISHED
from services.matching.entrypoints.schemas import (NeedPageSchema, NeedQuerySchema, NeedSchema,
                                                   PostNeedSchema)


class Service(HealthEndpoints, DeadLetterOperations):
    name = "matching"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(MatchingUnitOfWork, PUBLISHED, MESSAGING)

    @consume_events(CONSUMED)
    def handle_event(self, envelope, payload):
        apply_once(self.uow, envelope, payload, needs.EVENT_HANDLERS[envelope["type"]])

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
