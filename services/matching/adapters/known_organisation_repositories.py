"""Registry's organisations as matching knows them: the read model registry's events keep."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.common.sql_upserts import replace_later
from services.matching.adapters.tables import known_organisations
from services.matching.domain.need import KnownOrganisation


class SqlKnownOrganisationRepository:
    def __init__(self, session: Session):
        self._session = session

    def get(self, organisation_id: str) -> KnownOrganisation | None:
        row = self._session.execute(select(known_organisations).where(
            known_organisations.c.organisation_id == organisation_id)).first()
        return KnownOrganisation(**row._mapping) if row else None

    def verified(self) -> list[KnownOrganisation]:
        rows = self._session.execute(select(known_organisations).where(
            known_organisations.c.status == "verified").order_by(known_organisations.c.organisation_id))
        return [KnownOrganisation(**row._mapping) for row in rows]

    def save(self, organisation: KnownOrganisation) -> None:
        values = {"organisation_id": organisation.organisation_id, "region": organisation.region,
                  "fields": organisation.fields, "status": organisation.status,
                  "kind": organisation.kind, "founded_year": organisation.founded_year,
                  "legal_form": organisation.legal_form}
        # A batch of registry events saves one organisation each: sent as one executemany.
        replace_later(self._session, known_organisations, values)
