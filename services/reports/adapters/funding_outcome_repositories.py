"""SQLAlchemy read model of funding programmes and applications."""
from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.reports.adapters.tables import funding_application_facts, funding_programmes
from services.reports.domain.funding_outcomes import ApplicationFact


class SqlFundingOutcomeRepository:
    def __init__(self, session: Session):
        self._session = session

    def save_programme(self, opportunity_id: str, programme: str, funder: str, fiscal_year: int) -> None:
        values = {"programme": programme, "funder": funder, "fiscal_year": fiscal_year}
        updated = self._session.execute(update(funding_programmes).where(
            funding_programmes.c.opportunity_id == opportunity_id).values(values))
        if updated.rowcount == 0:
            self._session.execute(insert(funding_programmes).values(opportunity_id=opportunity_id, **values))

    def programmes(self, fiscal_year: int) -> list[str]:
        return list(self._session.execute(select(funding_programmes.c.programme).where(
            funding_programmes.c.fiscal_year == fiscal_year)).scalars())

    def get(self, application_id: str) -> ApplicationFact | None:
        row = self._session.execute(select(funding_application_facts).where(
            funding_application_facts.c.application_id == application_id)).first()
        return ApplicationFact(**row._mapping) if row else None

    def save(self, fact: ApplicationFact) -> None:
        values = asdict(fact)
        updated = self._session.execute(update(funding_application_facts).where(
            funding_application_facts.c.application_id == fact.application_id).values(values))
        if updated.rowcount == 0:
            self._session.execute(insert(funding_application_facts).values(values))

    def in_fiscal_year(self, fiscal_year: int) -> list[ApplicationFact]:
        rows = self._session.execute(select(funding_application_facts).where(
            funding_application_facts.c.fiscal_year == fiscal_year))
        return [ApplicationFact(**row._mapping) for row in rows]
