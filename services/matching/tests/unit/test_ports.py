"""The SQL repositories and the in-memory fakes both offer what matching's ports promise."""
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from services.matching.adapters.calendar_feed_repositories import SqlCalendarFeedRepository
from services.matching.adapters.fulfilment_repositories import SqlFulfilmentRepository
from services.matching.adapters.funding_repositories import (SqlFundingApplicationRepository,
                                                             SqlFundingOpportunityRepository)
from services.matching.adapters.gathering_repositories import (SqlGatheringRepository, SqlKnownBookingRepository,
                                                               SqlSignUpRepository)
from services.matching.adapters.impression_repositories import SqlImpressionRepository
from services.matching.adapters.known_organisation_repositories import SqlKnownOrganisationRepository
from services.matching.adapters.match_repositories import SqlMatchMessageRepository, SqlMatchRepository
from services.matching.adapters.need_repositories import SqlNeedRepository
from services.matching.adapters.offer_repositories import SqlOfferRepository
from services.matching.adapters.personal_data_repositories import SqlPersonalDataRepository
from services.matching.adapters.tables import MESSAGING
from services.matching.adapters.staff_invitation_repositories import SqlStaffInvitationRepository
from services.matching.adapters.talent_repositories import SqlTalentRepository
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app.ports import (CalendarFeedRepository, FulfilmentRepository, FundingApplicationRepository, FundingOpportunityRepository,
                                         GatheringRepository, KnownBookingRepository, SignUpRepository,
                                         ImpressionRepository, KnownOrganisationRepository, MatchingUnitOfWork,
                                         MatchMessageRepository, MatchRepository, NeedRepository, OfferRepository,
                                         PersonalDataRepository, StaffInvitationRepository, TalentRepository)
from services.matching.contract.events import PUBLISHED
from services.matching.tests.fakes import (MemoryCalendarFeedRepository, MemoryFulfilmentRepository, MemoryFundingApplicationRepository, MemoryFundingOpportunityRepository,
                                           MemoryGatheringRepository, MemoryKnownBookingRepository,
                                           MemorySignUpRepository,
                                           MemoryImpressionRepository, MemoryKnownOrganisationRepository,
                                           MemoryMatchingUnitOfWork, MemoryMatchMessageRepository,
                                           MemoryMatchRepository, MemoryNeedRepository, MemoryOfferRepository,
                                           MemoryPersonalDataRepository, MemoryStaffInvitationRepository,
                                           MemoryTalentRepository)
from tests.support.ports import attachment_mismatches, attribute_ports, mismatches

IMPLEMENTATIONS = [
    (KnownOrganisationRepository, SqlKnownOrganisationRepository),
    (KnownOrganisationRepository, MemoryKnownOrganisationRepository),
    (NeedRepository, SqlNeedRepository),
    (NeedRepository, MemoryNeedRepository),
    (TalentRepository, SqlTalentRepository),
    (TalentRepository, MemoryTalentRepository),
    (MatchRepository, SqlMatchRepository),
    (MatchRepository, MemoryMatchRepository),
    (MatchMessageRepository, SqlMatchMessageRepository),
    (MatchMessageRepository, MemoryMatchMessageRepository),
    (ImpressionRepository, SqlImpressionRepository),
    (ImpressionRepository, MemoryImpressionRepository),
    (OfferRepository, SqlOfferRepository),
    (OfferRepository, MemoryOfferRepository),
    (FulfilmentRepository, SqlFulfilmentRepository),
    (FulfilmentRepository, MemoryFulfilmentRepository),
    (StaffInvitationRepository, SqlStaffInvitationRepository),
    (StaffInvitationRepository, MemoryStaffInvitationRepository),
    (PersonalDataRepository, SqlPersonalDataRepository),
    (PersonalDataRepository, MemoryPersonalDataRepository),
    (GatheringRepository, SqlGatheringRepository),
    (GatheringRepository, MemoryGatheringRepository),
    (SignUpRepository, SqlSignUpRepository),
    (SignUpRepository, MemorySignUpRepository),
    (KnownBookingRepository, SqlKnownBookingRepository),
    (KnownBookingRepository, MemoryKnownBookingRepository),
    (FundingOpportunityRepository, SqlFundingOpportunityRepository),
    (FundingOpportunityRepository, MemoryFundingOpportunityRepository),
    (FundingApplicationRepository, SqlFundingApplicationRepository),
    (FundingApplicationRepository, MemoryFundingApplicationRepository),
    (CalendarFeedRepository, SqlCalendarFeedRepository),
    (CalendarFeedRepository, MemoryCalendarFeedRepository),
    (MatchingUnitOfWork, SqlMatchingUnitOfWork),
    (MatchingUnitOfWork, MemoryMatchingUnitOfWork),
]


@pytest.mark.parametrize("port, implementation", IMPLEMENTATIONS,
                         ids=lambda v: getattr(v, "__name__", v))
def test_every_implementation_offers_its_port(port, implementation):
    assert mismatches(port, implementation) == []


def _sql_unit_of_work():
    return SqlMatchingUnitOfWork(sessionmaker(create_engine("sqlite://")), "matching", PUBLISHED, MESSAGING)


@pytest.mark.parametrize("make_uow", [_sql_unit_of_work, MemoryMatchingUnitOfWork], ids=["sql", "memory"])
def test_the_units_of_work_attach_every_repository_the_port_names(make_uow):
    ports = attribute_ports(MatchingUnitOfWork)
    assert set(ports) == {"organisations", "needs", "talents", "matches", "match_messages", "impressions",
                          "offers", "fulfilments", "staff_invitations", "personal_data", "gatherings", "sign_ups",
                          "bookings", "calendar_feeds", "opportunities", "applications", "inbox"}
    with make_uow() as uow:
        assert attachment_mismatches(uow, MatchingUnitOfWork) == []
