"""SQLAlchemy repository for ties between organisations."""
from __future__ import annotations

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.registry.adapters.tables import organisation_ties
from services.registry.domain.network import Tie


class SqlTieRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, tie: Tie) -> None:
        self._session.execute(insert(organisation_ties).values(
            id=tie.id, organisation_id=tie.organisation_id,
            related_organisation_id=tie.related_organisation_id, kind=tie.kind,
            declared_at=tie.declared_at, declared_by=tie.declared_by))

    def get(self, tie_id: str) -> Tie | None:
        row = self._session.execute(select(organisation_ties).where(
            organisation_ties.c.id == tie_id)).first()
        return _tie(row) if row else None

    def exists(self, organisation_id: str, related_organisation_id: str, kind: str) -> bool:
        t = organisation_ties.c
        return self._session.execute(select(t.id).where(
            t.organisation_id == organisation_id, t.related_organisation_id ==
            related_organisation_id, t.kind == kind)).first() is not None

    def remove(self, tie_id: str) -> None:
        self._session.execute(delete(organisation_ties).where(organisation_ties.c.id == tie_id))

    def touching(self, organisation_ids: list[str]) -> list[Tie]:
        t = organisation_ties.c
        rows = self._session.execute(select(organisation_ties).where(or_(
            t.organisation_id.in_(organisation_ids),
            t.related_organisation_id.in_(organisation_ids))))
        return [_tie(row) for row in rows]


def _tie(row) -> Tie:
    data = dict(row._mapping)
    data["declared_at"] = as_utc(data["declared_at"])
    return Tie(**data)
