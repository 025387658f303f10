from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.reports.adapters.repositories import SqlFacts


class ReportsUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.facts = SqlFacts(session)
