"""The notifications service: subscriptions and the in-app inbox."""

from services.common.actor import Actor
from services.common.nameko_errors import rpc
from services.common.event_handling import apply_once
from services.common.nameko_events import consume_events
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.schema_loading import load
from services.common.topology import Subscription
from services.notifications.adapters.tables import MESSAGING
from services.notifications.adapters.unit_of_work import NotificationsUnitOfWork
from services.notifications.app import inbox
from services.notifications.entrypoints.event_contracts import CONSUMED, PUBLISHED
from services.notifications.entrypoints.schemas import (InboxPageSchema, InboxQuerySchema,
                                                        SubscriptionRequestSchema,
                                                        SubscriptionSchema)


class Service(HealthEndpoints, DeadLetterOperations):
    name = "notifications"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(NotificationsUnitOfWork, PUBLISHED, MESSAGING)

    @consume_events(CONSUMED)
    def handle_event(self, envelope, payload):
        apply_once(self.uow, envelope, payload, inbox.EVENT_HANDLERS[envelope["type"]])

    @rpc
    def put_subscription(self, actor, request):
        wanted = load(SubscriptionRequestSchema(), request)
        subscription = inbox.subscribe(self.uow, Actor.from_dict(actor), wanted["regions"], wanted["fields_"])
        return SubscriptionSchema().dump(subscription)

    @rpc
    def get_subscription(self, actor, request):
        subscription = inbox.get_subscription(self.uow, Actor.from_dict(actor))
        return SubscriptionSchema().dump(subscription)

    @rpc
    def read_inbox(self, actor, request):
        query = load(InboxQuerySchema(), request)
        page = inbox.read_inbox(self.uow, Actor.from_dict(actor), query)
        return InboxPageSchema().dump(page)
