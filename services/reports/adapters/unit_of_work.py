from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.reports.adapters.caseload import SqlCaseload
from services.reports.adapters.facility_use import SqlFacilityUse
from services.reports.adapters.membership import SqlMembership
from services.reports.adapters.networks import SqlTies
from services.reports.adapters.repositories import SqlFacts


class ReportsUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.facts = SqlFacts(session)
        self.facility_use = SqlFacilityUse(session)
        self.membership = SqlMembership(session)
        self.caseload = SqlCaseload(session)
        self.ties = SqlTies(session)
