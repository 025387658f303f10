"""SQLAlchemy read model of association figures and newcomer interests."""
from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from services.reports.adapters.tables import household_facts, newcomer_interest_facts
from services.reports.domain.membership import Figure


class SqlMembership:
    def __init__(self, session: Session):
        self._session = session

    def record_figure(self, figure: Figure) -> None:
        """The latest event for a day wins (a correction of the same as_of replaces it)."""
        self._session.execute(delete(household_facts).where(
            household_facts.c.organisation_id == figure.organisation_id,
            household_facts.c.measure == figure.measure, household_facts.c.as_of == figure.as_of))
        self._session.execute(insert(household_facts).values(
            organisation_id=figure.organisation_id, measure=figure.measure, as_of=figure.as_of,
            region=figure.region, value=figure.value))

    def figures_until(self, as_of: date, region: str | None) -> list[Figure]:
        statement = select(household_facts).where(household_facts.c.as_of <= as_of)
        if region:
            statement = statement.where(household_facts.c.region == region)
        return [Figure(r.organisation_id, r.region, r.measure, r.value, r.as_of)
                for r in self._session.execute(statement)]

    def record_interest(self, interest_id: str, organisation_id: str, region: str) -> None:
        self._session.execute(insert(newcomer_interest_facts).values(
            interest_id=interest_id, organisation_id=organisation_id, region=region))

    def interests_by_region(self, region: str | None) -> dict[str, int]:
        statement = select(newcomer_interest_facts.c.region, func.count()).group_by(
            newcomer_interest_facts.c.region)
        if region:
            statement = statement.where(newcomer_interest_facts.c.region == region)
        return dict(self._session.execute(statement).all())
