"""Preferences in SQL: one row per recipient."""
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from services.notifications.adapters.chunks import chunks
from services.notifications.adapters.tables import preferences
from services.notifications.domain.preferences import Preferences


class SqlPreferenceRepository:
    def __init__(self, session: Session):
        self._session = session

    def get(self, recipient_id: str) -> Preferences | None:
        row = self._session.execute(
            select(preferences).where(preferences.c.recipient_id == recipient_id)).first()
        return Preferences(**dict(row._mapping)) if row else None

    def for_recipients(self, recipient_ids: list[str]) -> dict[str, Preferences]:
        found = {}
        for some in chunks(sorted(set(recipient_ids))):
            for row in self._session.execute(select(preferences)
                                             .where(preferences.c.recipient_id.in_(some))):
                found[row.recipient_id] = Preferences(**dict(row._mapping))
        return found

    def save(self, found: Preferences) -> None:
        self._session.execute(delete(preferences)
                              .where(preferences.c.recipient_id == found.recipient_id))
        self._session.execute(insert(preferences).values(
            recipient_id=found.recipient_id, language=found.language, time_zone=found.time_zone,
            quiet_start=found.quiet_start, quiet_end=found.quiet_end,
            channels=dict(found.channels), daily_cap=found.daily_cap))
