from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.registry.adapters.repositories import SqlOrganisationRepository


class RegistryUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.organisations = SqlOrganisationRepository(session)
