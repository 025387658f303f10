"""SQLAlchemy read model of organisations and needs per region."""
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from services.common.deferred_writes import write_later
from services.reports.adapters.tables import need_facts, organisation_facts

_INSERT_ORGANISATION = insert(organisation_facts)
_INSERT_NEED = insert(need_facts)


class SqlSummaryRepository:
    def __init__(self, session: Session):
        self._session = session

    def record_organisation(self, organisation_id: str, region: str,
                            status: str = "verified") -> None:
        # Values as parameters of one cached statement (literal values made SQLAlchemy build and
        # cache-key a new statement per event), a batch of events' rows in one executemany.
        write_later(self._session, _INSERT_ORGANISATION, {"organisation_id": organisation_id,
                                                          "region": region, "status": status})

    def change_organisation(self, organisation_id: str, *, region: str | None = None,
                            status: str | None = None) -> None:
        """An organisation not yet known is left alone (its registered event carries the facts
        too)."""
        facts = {name: value for name, value in (("region", region), ("status", status))
                 if value is not None}
        self._session.execute(update(organisation_facts).where(
            organisation_facts.c.organisation_id == organisation_id).values(**facts))

    def verified_by_region(self) -> dict[str, int]:
        rows = self._session.execute(
            select(organisation_facts.c.region, func.count())
            .where(organisation_facts.c.status == "verified")
            .group_by(organisation_facts.c.region))
        return {region: count for region, count in rows}

    def record_need(self, need_id: str, organisation_id: str, region: str) -> None:
        self._session.execute(_INSERT_NEED, {"need_id": need_id, "organisation_id": organisation_id,
                                             "region": region})

    def organisations_by_region(self) -> dict[str, int]:
        return self._count_by_region(organisation_facts)

    def needs_by_region(self) -> dict[str, int]:
        return self._count_by_region(need_facts)

    def _count_by_region(self, table) -> dict[str, int]:
        rows = self._session.execute(select(table.c.region, func.count()).group_by(table.c.region))
        return {region: count for region, count in rows}
