"""The reports service: plan-progress figures from everyone's events."""

from services.common.event_handling import apply_once
from services.common.nameko_errors import rpc
from services.common.nameko_events import consume_events
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.topology import Subscription
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import ReportsUnitOfWork
from services.reports.app import summary
from services.reports.entrypoints.event_contracts import CONSUMED, PUBLISHED
from services.reports.entrypoints.schemas import SummarySchema


class Service(HealthEndpoints, DeadLetterOperations):
    name = "reports"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(ReportsUnitOfWork, PUBLISHED, MESSAGING)

    @consume_events(CONSUMED)
    def handle_event(self, envelope, payload):
        apply_once(self.uow, envelope, payload, summary.EVENT_HANDLERS[envelope["type"]])

    @rpc
    def get_summary(self, actor, request):
        return SummarySchema().dump(summary.summary(self.uow))
