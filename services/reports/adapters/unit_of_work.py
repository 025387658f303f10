from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.reports.adapters.caseload_repositories import SqlCaseloadRepository
from services.reports.adapters.facility_use_repositories import SqlFacilityUseRepository
from services.reports.adapters.membership_repositories import SqlMembershipRepository
from services.reports.adapters.network_repositories import SqlNetworkRepository
from services.reports.adapters.summary_repositories import SqlSummaryRepository


class SqlReportsUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.summary = self.track(SqlSummaryRepository(session))
        self.facility_use = self.track(SqlFacilityUseRepository(session))
        self.membership = self.track(SqlMembershipRepository(session))
        self.caseload = self.track(SqlCaseloadRepository(session))
        self.networks = self.track(SqlNetworkRepository(session))
