"""The reports service: plan-progress figures from everyone's events."""

from services.common.event_handling import apply_once
from services.common.nameko_errors import rpc
from services.common.nameko_events import consume_events
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.topology import Subscription
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import ReportsUnitOfWork
from services.common.actor import Actor
from services.reports.app import caseload, facility_use, membership, networks, summary
from services.reports.entrypoints.event_contracts import CONSUMED, PUBLISHED
from services.common.schema_loading import load
from services.reports.entrypoints.schemas import (FacilityUseQuerySchema, FacilityUseReportSchema,
                                                  CaseloadQuerySchema, CaseloadSchema,
                                                  MembershipQuerySchema, MembershipReportSchema,
                                                  NetworkFiguresSchema, SummarySchema)

EVENT_HANDLERS = {**summary.EVENT_HANDLERS, **facility_use.EVENT_HANDLERS,
                  **membership.EVENT_HANDLERS, **caseload.EVENT_HANDLERS,
                  **networks.EVENT_HANDLERS}


class Service(HealthEndpoints, DeadLetterOperations):
    name = "reports"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(ReportsUnitOfWork, PUBLISHED, MESSAGING)

    @consume_events(CONSUMED)
    def handle_event(self, envelope, payload):
        apply_once(self.uow, envelope, payload, EVENT_HANDLERS[envelope["type"]])

    @rpc
    def get_summary(self, actor, request):
        return SummarySchema().dump(summary.summary(self.uow))

    @rpc
    def get_facility_use(self, actor, request):
        query = load(FacilityUseQuerySchema(), request)
        rows = facility_use.facility_use(self.uow, query)
        return FacilityUseReportSchema().dump({"facilities": rows})

    @rpc
    def get_membership(self, actor, request):
        query = load(MembershipQuerySchema(), request)
        as_of, regions = membership.membership(self.uow, query)
        return MembershipReportSchema().dump({"as_of": as_of, "regions": regions})

    @rpc
    def get_caseload(self, actor, request):
        query = load(CaseloadQuerySchema(), request)
        return CaseloadSchema().dump(caseload.caseload(self.uow, Actor.from_dict(actor), query))

    @rpc
    def get_network_figures(self, actor, request):
        return NetworkFiguresSchema().dump(networks.network_figures(self.uow))
