"""SQLAlchemy repository for officer and member rosters."""
from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.registry.adapters.tables import roster_entries
from services.registry.domain.roster import RosterEntry


class SqlRosterRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, entry: RosterEntry) -> None:
        self._session.execute(insert(roster_entries).values(asdict(entry)))

    def get(self, entry_id: str) -> RosterEntry | None:
        row = self._session.execute(select(roster_entries).where(
            roster_entries.c.id == entry_id)).first()
        return _entry(row) if row else None

    def remove(self, entry_id: str) -> None:
        self._session.execute(delete(roster_entries).where(roster_entries.c.id == entry_id))

    def of_organisation(self, organisation_id: str) -> list[RosterEntry]:
        return self._list(roster_entries.c.organisation_id == organisation_id)

    def of_person(self, person_id: str) -> list[RosterEntry]:
        return self._list(roster_entries.c.person_id == person_id)

    def _list(self, condition) -> list[RosterEntry]:
        r = roster_entries.c
        rows = self._session.execute(select(roster_entries).where(condition).order_by(
            r.role.desc(), r.added_at, r.id))  # officers first
        return [_entry(row) for row in rows]


def _entry(row) -> RosterEntry:
    data = dict(row._mapping)
    data["added_at"] = as_utc(data["added_at"])
    return RosterEntry(**data)
