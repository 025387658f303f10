from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.registry.adapters.association_repositories import SqlAssociationRepository
from services.registry.adapters.consultation_repositories import SqlConsultationRepository
from services.registry.adapters.facility_repositories import (SqlBookingRepository,
                                                              SqlFacilityRepository)
from services.registry.adapters.network_repositories import SqlTieRepository
from services.registry.adapters.repositories import SqlOrganisationRepository
from services.registry.adapters.roster_repositories import SqlRosterRepository


class RegistryUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.organisations = SqlOrganisationRepository(session)
        self.facilities = SqlFacilityRepository(session)
        self.bookings = SqlBookingRepository(session)
        self.associations = SqlAssociationRepository(session)
        self.consultations = SqlConsultationRepository(session)
        self.ties = SqlTieRepository(session)
        self.rosters = SqlRosterRepository(session)
