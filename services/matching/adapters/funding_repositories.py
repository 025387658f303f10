"""Funding opportunities and applications in SQL."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.matching.adapters.tables import funding_applications, funding_opportunities
from services.matching.domain.funding import Eligibility, FundingApplication, FundingOpportunity

_OPPORTUNITY_COLUMNS = ("funder", "programme", "title", "description", "amount_min_yen", "amount_max_yen",
                        "opens_on", "closes_on", "links", "remind_days_before", "created_at",
                        "opening_announced", "closing_reminded")
_APPLICATION_COLUMNS = ("opportunity_id", "organisation_id", "programme", "region", "status", "applied_on",
                        "amount_awarded_yen", "decided_on")


def _opportunity_values(opportunity: FundingOpportunity) -> dict:
    return {**{c: getattr(opportunity, c) for c in _OPPORTUNITY_COLUMNS},
            "eligibility": asdict(opportunity.eligibility)}


class SqlFundingOpportunityRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, opportunity: FundingOpportunity) -> None:
        self._session.execute(insert(funding_opportunities).values(id=opportunity.id,
                                                                   **_opportunity_values(opportunity)))

    def save(self, opportunity: FundingOpportunity) -> None:
        self._session.execute(update(funding_opportunities).where(funding_opportunities.c.id == opportunity.id)
                              .values(_opportunity_values(opportunity)))

    def get(self, opportunity_id: str) -> FundingOpportunity | None:
        row = self._session.execute(select(funding_opportunities).where(
            funding_opportunities.c.id == opportunity_id)).first()
        return _opportunity(row) if row else None

    def list(self, open_on: date | None, after: list | None, limit: int) -> list[FundingOpportunity]:
        table = funding_opportunities
        statement = select(table).order_by(table.c.closes_on, table.c.id).limit(limit)
        if open_on is not None:
            statement = statement.where(table.c.opens_on <= open_on, table.c.closes_on >= open_on)
        if after:
            statement = statement.where(tuple_(table.c.closes_on, table.c.id)
                                        > (date.fromisoformat(after[0]), after[1]))
        return [_opportunity(row) for row in self._session.execute(statement)]

    def open_on(self, day: date) -> list[FundingOpportunity]:
        table = funding_opportunities
        statement = select(table).where(table.c.opens_on <= day, table.c.closes_on >= day).order_by(table.c.id)
        return [_opportunity(row) for row in self._session.execute(statement)]


class SqlFundingApplicationRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, application: FundingApplication) -> None:
        self._session.execute(insert(funding_applications).values(
            id=application.id, **{c: getattr(application, c) for c in _APPLICATION_COLUMNS}))

    def save(self, application: FundingApplication) -> None:
        self._session.execute(update(funding_applications).where(funding_applications.c.id == application.id)
                              .values({c: getattr(application, c) for c in _APPLICATION_COLUMNS}))

    def get(self, application_id: str) -> FundingApplication | None:
        row = self._session.execute(select(funding_applications).where(
            funding_applications.c.id == application_id)).first()
        return FundingApplication(**row._mapping) if row else None

    def for_organisation(self, organisation_id: str) -> list[FundingApplication]:
        statement = select(funding_applications).where(
            funding_applications.c.organisation_id == organisation_id).order_by(
            funding_applications.c.applied_on, funding_applications.c.id)
        return [FundingApplication(**row._mapping) for row in self._session.execute(statement)]

    def applicants(self, opportunity_id: str) -> set[str]:
        return set(self._session.execute(select(funding_applications.c.organisation_id).where(
            funding_applications.c.opportunity_id == opportunity_id)).scalars())


def _opportunity(row) -> FundingOpportunity:
    data = dict(row._mapping)
    data["eligibility"] = Eligibility(**data["eligibility"])
    data["created_at"] = as_utc(data["created_at"])
    return FundingOpportunity(**data)
