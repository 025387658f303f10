"""SQLAlchemy repositories for registry: rows in, domain objects out."""
from datetime import datetime

from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.registry.adapters.tables import organisations
from services.registry.app.organisations import OrganisationFilter
from services.registry.domain.organisation import Organisation

_COLUMNS = ("id", "name", "name_kana", "kind", "region", "fields", "description", "status",
            "registered_at")


class SqlOrganisationRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, organisation: Organisation) -> None:
        self._session.execute(insert(organisations),
                              {name: getattr(organisation, name) for name in _COLUMNS})

    def get(self, organisation_id: str) -> Organisation | None:
        row = self._session.execute(
            select(organisations).where(organisations.c.id == organisation_id)).first()
        return _organisation(row) if row else None

    def list(self, query: OrganisationFilter) -> list[Organisation]:
        statement = select(organisations).order_by(organisations.c.registered_at,
                                                   organisations.c.id).limit(query.limit)
        if query.region:
            statement = statement.where(organisations.c.region == query.region)
        if query.kind:
            statement = statement.where(organisations.c.kind == query.kind)
        if query.after:
            statement = statement.where(
                tuple_(organisations.c.registered_at, organisations.c.id)
                > (datetime.fromisoformat(query.after[0]), query.after[1]))
        return [_organisation(row) for row in self._session.execute(statement)]


def _organisation(row) -> Organisation:
    data = dict(row._mapping)
    data["registered_at"] = as_utc(data["registered_at"])
    return Organisation(**data)
