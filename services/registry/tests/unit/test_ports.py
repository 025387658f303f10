"""The SQL repositories and the in-memory fakes both offer what registry's ports promise."""
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from services.registry.adapters.association_repositories import SqlAssociationRepository
from services.registry.adapters.consultation_repositories import SqlConsultationRepository
from services.registry.adapters.facility_repositories import (SqlBookingRepository,
                                                              SqlFacilityRepository)
from services.registry.adapters.network_repositories import SqlTieRepository
from services.registry.adapters.organisation_repositories import SqlOrganisationRepository
from services.registry.adapters.roster_repositories import SqlRosterRepository
from services.registry.adapters.tables import MESSAGING
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app.ports import (AssociationRepository, BookingRepository,
                                         ConsultationRepository, FacilityRepository,
                                         OrganisationRepository, RegistryUnitOfWork,
                                         RosterRepository, TieRepository)
from services.registry.contract.events import PUBLISHED
from services.registry.tests.fakes import (MemoryAssociationRepository, MemoryBookingRepository,
                                           MemoryConsultationRepository,
                                           MemoryFacilityRepository,
                                           MemoryOrganisationRepository,
                                           MemoryRegistryUnitOfWork, MemoryRosterRepository,
                                           MemoryTieRepository)
from tests.support.ports import attachment_mismatches, attribute_ports, mismatches

IMPLEMENTATIONS = [
    (OrganisationRepository, SqlOrganisationRepository),
    (OrganisationRepository, MemoryOrganisationRepository),
    (FacilityRepository, SqlFacilityRepository),
    (FacilityRepository, MemoryFacilityRepository),
    (BookingRepository, SqlBookingRepository),
    (BookingRepository, MemoryBookingRepository),
    (AssociationRepository, SqlAssociationRepository),
    (AssociationRepository, MemoryAssociationRepository),
    (ConsultationRepository, SqlConsultationRepository),
    (ConsultationRepository, MemoryConsultationRepository),
    (TieRepository, SqlTieRepository),
    (TieRepository, MemoryTieRepository),
    (RosterRepository, SqlRosterRepository),
    (RosterRepository, MemoryRosterRepository),
    (RegistryUnitOfWork, SqlRegistryUnitOfWork),
    (RegistryUnitOfWork, MemoryRegistryUnitOfWork),
]


@pytest.mark.parametrize("port, implementation", IMPLEMENTATIONS,
                         ids=lambda v: getattr(v, "__name__", v))
def test_every_implementation_offers_its_port(port, implementation):
    assert mismatches(port, implementation) == []


def _sql_unit_of_work():
    return SqlRegistryUnitOfWork(sessionmaker(create_engine("sqlite://")), "registry", PUBLISHED,
                                 MESSAGING)


@pytest.mark.parametrize("make_uow", [_sql_unit_of_work, MemoryRegistryUnitOfWork],
                         ids=["sql", "memory"])
def test_the_units_of_work_attach_every_repository_the_port_names(make_uow):
    ports = attribute_ports(RegistryUnitOfWork)
    assert set(ports) == {"organisations", "facilities", "bookings", "associations",
                          "consultations", "ties", "rosters", "inbox"}
    with make_uow() as uow:
        assert attachment_mismatches(uow, RegistryUnitOfWork) == []
