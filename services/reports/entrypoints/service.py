"""The reports service: plan-progress figures from everyone's events."""

from services.common.event_handling import apply_once
from services.common.nameko_events import consume_events
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.nameko_rpc import rpc
from services.common.schema_loading import load
from services.common.topology import Subscription
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app import caseload, facility_use, membership, networks, summary
from services.reports.app.event_handlers import EVENT_HANDLERS
from services.reports.contract.events import PUBLISHED
from services.reports.contract.requests import (GetCaseloadRequest, GetFacilityUseRequest,
                                                GetMembershipRequest)
from services.reports.contract.responses import (CaseloadSchema, FacilityUseReportSchema,
                                                 MembershipReportSchema, NetworkFiguresSchema,
                                                 SummarySchema)
from services.reports.entrypoints import commands
from services.reports.entrypoints.consumed_events import CONSUMED


class Service(HealthEndpoints, DeadLetterOperations):
    name = "reports"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(SqlReportsUnitOfWork, PUBLISHED, MESSAGING)

    @consume_events(CONSUMED)
    def handle_event(self, envelope, payload):
        apply_once(self.uow, envelope, payload, EVENT_HANDLERS[envelope["type"]])

    @rpc
    def get_summary(self, actor, request):
        return SummarySchema().dump(summary.summary(self.uow))

    @rpc
    def get_facility_use(self, actor, request):
        query = commands.facility_use_query(load(GetFacilityUseRequest(), request))
        rows = facility_use.facility_use(self.uow, query)
        return FacilityUseReportSchema().dump({"facilities": rows})

    @rpc
    def get_membership(self, actor, request):
        query = commands.membership_query(load(GetMembershipRequest(), request))
        as_of, regions = membership.membership(self.uow, query)
        return MembershipReportSchema().dump({"as_of": as_of, "regions": regions})

    @rpc
    def get_caseload(self, actor, request):
        query = commands.caseload_query(load(GetCaseloadRequest(), request))
        return CaseloadSchema().dump(caseload.caseload(self.uow, actor, query))

    @rpc
    def get_network_figures(self, actor, request):
        return NetworkFiguresSchema().dump(networks.network_figures(self.uow))
