"""The notifications service: subscriptions and the in-app inbox."""

from services.common.event_handling import apply_once
from services.common.nameko_events import consume_events
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.nameko_rpc import rpc
from services.common.schema_loading import load
from services.common.topology import Subscription
from services.notifications.adapters.tables import MESSAGING
from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork
from services.notifications.app import inbox
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.contract.events import PUBLISHED
from services.notifications.contract.requests import PutSubscriptionRequest, ReadInboxRequest
from services.notifications.contract.responses import InboxPageSchema, SubscriptionSchema
from services.notifications.entrypoints import commands
from services.notifications.entrypoints.consumed_events import CONSUMED


class Service(HealthEndpoints, DeadLetterOperations):
    name = "notifications"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(SqlNotificationsUnitOfWork, PUBLISHED, MESSAGING)

    @consume_events(CONSUMED)
    def handle_event(self, envelope, payload):
        apply_once(self.uow, envelope, payload, EVENT_HANDLERS[envelope["type"]])

    @rpc
    def put_subscription(self, actor, request):
        wanted = load(PutSubscriptionRequest(), request)
        subscription = inbox.subscribe(self.uow, actor, wanted["regions"], wanted["fields_"])
        return SubscriptionSchema().dump(subscription)

    @rpc
    def get_subscription(self, actor, request):
        return SubscriptionSchema().dump(inbox.get_subscription(self.uow, actor))

    @rpc
    def read_inbox(self, actor, request):
        query = commands.inbox_query(load(ReadInboxRequest(), request))
        page = inbox.read_inbox(self.uow, actor, query)
        return InboxPageSchema().dump(page)
