from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
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
from services.matching.adapters.staff_invitation_repositories import SqlStaffInvitationRepository
from services.matching.adapters.talent_repositories import SqlTalentRepository


class SqlMatchingUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.organisations = self.track(SqlKnownOrganisationRepository(session))
        self.needs = self.track(SqlNeedRepository(session))
        self.talents = self.track(SqlTalentRepository(session))
        self.matches = self.track(SqlMatchRepository(session))
        self.match_messages = self.track(SqlMatchMessageRepository(session))
        self.impressions = self.track(SqlImpressionRepository(session))
        self.offers = self.track(SqlOfferRepository(session))
        self.fulfilments = self.track(SqlFulfilmentRepository(session))
        self.staff_invitations = self.track(SqlStaffInvitationRepository(session))
        self.personal_data = SqlPersonalDataRepository(session)
        self.gatherings = self.track(SqlGatheringRepository(session))
        self.sign_ups = self.track(SqlSignUpRepository(session))
        self.bookings = self.track(SqlKnownBookingRepository(session))
        self.calendar_feeds = SqlCalendarFeedRepository(session)
        self.opportunities = self.track(SqlFundingOpportunityRepository(session))
        self.applications = self.track(SqlFundingApplicationRepository(session))
