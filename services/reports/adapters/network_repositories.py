"""SQLAlchemy read model of ties between organisations and of roster sizes."""
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from services.reports.adapters.tables import roster_facts, tie_facts


class SqlNetworkRepository:
    def __init__(self, session: Session):
        self._session = session

    def declared(self, tie_id: str, organisation_id: str, related_id: str, kind: str) -> None:
        self._session.execute(delete(tie_facts).where(tie_facts.c.tie_id == tie_id))
        self._session.execute(insert(tie_facts).values(
            tie_id=tie_id, organisation_id=organisation_id, related_organisation_id=related_id,
            kind=kind))

    def removed(self, tie_id: str) -> None:
        self._session.execute(delete(tie_facts).where(tie_facts.c.tie_id == tie_id))

    def all(self) -> list[tuple[str, str, str]]:
        return [tuple(row) for row in self._session.execute(select(
            tie_facts.c.organisation_id, tie_facts.c.related_organisation_id, tie_facts.c.kind))]

    def roster_added(self, entry_id: str, organisation_id: str, role: str) -> None:
        self._session.execute(delete(roster_facts).where(roster_facts.c.entry_id == entry_id))
        self._session.execute(insert(roster_facts).values(
            entry_id=entry_id, organisation_id=organisation_id, role=role))

    def roster_removed(self, entry_id: str) -> None:
        self._session.execute(delete(roster_facts).where(roster_facts.c.entry_id == entry_id))

    def roster(self) -> list[tuple[str, str]]:
        return [tuple(row) for row in self._session.execute(select(
            roster_facts.c.organisation_id, roster_facts.c.role))]
