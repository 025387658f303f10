from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.matching.adapters.repositories import (SqlImpressions, SqlKnownOrganisations, SqlMatches,
                                                     SqlMatchMessages, SqlNeedRepository, SqlOffers, SqlTalents)


class MatchingUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.organisations = SqlKnownOrganisations(session)
        self.needs = SqlNeedRepository(session)
        self.talents = SqlTalents(session)
        self.matches = SqlMatches(session)
        self.impressions = SqlImpressions(session)
        self.offers = SqlOffers(session)
        self.match_messages = SqlMatchMessages(session)
