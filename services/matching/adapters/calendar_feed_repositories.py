"""Calendar feed versions in SQL: rotating is one UPDATE, or the first row."""
from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.matching.adapters.tables import calendar_feeds


class SqlCalendarFeedRepository:
    def __init__(self, session: Session):
        self._session = session

    def version(self, participant: str) -> int:
        found = self._session.execute(select(calendar_feeds.c.version).where(
            calendar_feeds.c.participant == participant)).scalar()
        return found or 0

    def rotate(self, participant: str) -> int:
        bumped = self._session.execute(update(calendar_feeds).where(
            calendar_feeds.c.participant == participant).values(version=calendar_feeds.c.version + 1))
        if bumped.rowcount == 0:
            self._session.execute(insert(calendar_feeds).values(participant=participant, version=1))
        return self.version(participant)
