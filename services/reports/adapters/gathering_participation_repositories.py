"""SQLAlchemy read model of participation in gatherings."""
from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from services.reports.adapters.tables import gathering_participation
from services.reports.domain.fiscal_year import fiscal_year_of
from services.reports.domain.gathering_participation import GatheringRow


class SqlGatheringParticipationRepository:
    def __init__(self, session: Session):
        self._session = session

    def get(self, gathering_id: str) -> GatheringRow | None:
        row = self._session.execute(select(gathering_participation).where(
            gathering_participation.c.gathering_id == gathering_id)).first()
        return _row(row) if row else None

    def save(self, row: GatheringRow) -> None:
        values = {**asdict(row), "fiscal_year": fiscal_year_of(row.held_on)}
        updated = self._session.execute(update(gathering_participation).where(
            gathering_participation.c.gathering_id == row.gathering_id).values(values))
        if updated.rowcount == 0:
            self._session.execute(insert(gathering_participation).values(values))

    def in_fiscal_year(self, fiscal_year: int) -> list[GatheringRow]:
        rows = self._session.execute(select(gathering_participation).where(
            gathering_participation.c.fiscal_year == fiscal_year))
        return [_row(row) for row in rows]

    def remove(self, gathering_id: str) -> None:
        self._session.execute(delete(gathering_participation).where(
            gathering_participation.c.gathering_id == gathering_id))


def _row(row) -> GatheringRow:
    data = dict(row._mapping)
    del data["fiscal_year"]
    return GatheringRow(**data)
