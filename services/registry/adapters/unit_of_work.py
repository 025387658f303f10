"""Registry's unit of work over SQLAlchemy: every repository shares the transaction."""
from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.registry.adapters.association_repositories import SqlAssociationRepository
from services.registry.adapters.consultation_repositories import SqlConsultationRepository
from services.registry.adapters.facility_repositories import (SqlBookingRepository,
                                                              SqlFacilityRepository)
from services.registry.adapters.network_repositories import SqlTieRepository
from services.registry.adapters.organisation_repositories import SqlOrganisationRepository
from services.registry.adapters.roster_repositories import SqlRosterRepository


class SqlRegistryUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.organisations = self.track(SqlOrganisationRepository(session))
        self.facilities = self.track(SqlFacilityRepository(session))
        self.bookings = self.track(SqlBookingRepository(session))
        self.associations = self.track(SqlAssociationRepository(session))
        self.consultations = self.track(SqlConsultationRepository(session))
        self.ties = self.track(SqlTieRepository(session))
        self.rosters = self.track(SqlRosterRepository(session))
