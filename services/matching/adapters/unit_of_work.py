from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.matching.adapters.repositories import SqlKnownOrganisations, SqlNeedRepository


class MatchingUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.organisations = SqlKnownOrganisations(session)
        self.needs = SqlNeedRepository(session)
