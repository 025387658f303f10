"""SQLAlchemy repositories for matching."""
from datetime import datetime

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.matching.adapters.tables import known_organisations, needs
from services.matching.app.needs import NeedFilter
from services.matching.domain.need import KnownOrganisation, Need

_NEED_COLUMNS = ("id", "organisation_id", "title", "description", "kind", "region", "fields",
                 "slots", "status", "posted_at")


class SqlKnownOrganisations:
    def __init__(self, session: Session):
        self._session = session

    def get(self, organisation_id: str) -> KnownOrganisation | None:
        row = self._session.execute(select(known_organisations).where(
            known_organisations.c.organisation_id == organisation_id)).first()
        return KnownOrganisation(**row._mapping) if row else None

    def save(self, organisation: KnownOrganisation) -> None:
        values = {"region": organisation.region, "fields": organisation.fields,
                  "status": organisation.status}
        updated = self._session.execute(update(known_organisations).where(
            known_organisations.c.organisation_id == organisation.organisation_id).values(values))
        if updated.rowcount == 0:
            self._session.execute(insert(known_organisations).values(
                organisation_id=organisation.organisation_id, **values))


class SqlNeedRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, need: Need) -> None:
        self._session.execute(insert(needs).values({c: getattr(need, c) for c in _NEED_COLUMNS}))

    def get(self, need_id: str) -> Need | None:
        row = self._session.execute(select(needs).where(needs.c.id == need_id)).first()
        return _need(row) if row else None

    def list(self, query: NeedFilter) -> list[Need]:
        statement = select(needs).order_by(needs.c.posted_at, needs.c.id).limit(query.limit)
        if query.organisation_id:
            statement = statement.where(needs.c.organisation_id == query.organisation_id)
        if query.region:
            statement = statement.where(needs.c.region == query.region)
        if query.after:
            statement = statement.where(tuple_(needs.c.posted_at, needs.c.id)
                                        > (datetime.fromisoformat(query.after[0]), query.after[1]))
        return [_need(row) for row in self._session.execute(statement)]


def _need(row) -> Need:
    data = dict(row._mapping)
    data["posted_at"] = as_utc(data["posted_at"])
    return Need(**data)
