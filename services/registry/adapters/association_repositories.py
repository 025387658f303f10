"""SQLAlchemy repository for neighbourhood associations' areas, figures and newcomer interests."""
from __future__ import annotations

import zlib
from collections import defaultdict
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.registry.adapters.tables import (association_towns, household_figures,
                                               newcomer_interests, organisations)
from services.registry.domain.membership import AssociationArea, HouseholdFigure


class SqlAssociationRepository:
    def __init__(self, session: Session):
        self._session = session

    def set_area(self, area: AssociationArea) -> None:
        self._session.execute(delete(association_towns).where(
            association_towns.c.organisation_id == area.organisation_id))
        self._session.execute(insert(association_towns), [
            {"organisation_id": area.organisation_id, "town": town, "region": area.region}
            for town in area.towns])

    def area(self, organisation_id: str) -> AssociationArea | None:
        rows = self._session.execute(select(association_towns).where(
            association_towns.c.organisation_id == organisation_id)).all()
        if not rows:
            return None
        return AssociationArea(organisation_id, rows[0].region, tuple(sorted(r.town for r in rows)))

    def areas(self, region: str | None = None) -> list[AssociationArea]:
        statement = select(association_towns).order_by(association_towns.c.organisation_id)
        if region:
            statement = statement.where(association_towns.c.region == region)
        towns: dict[tuple[str, str], list[str]] = defaultdict(list)
        for row in self._session.execute(statement):
            towns[(row.organisation_id, row.region)].append(row.town)
        return [AssociationArea(org, region_, tuple(sorted(names)))
                for (org, region_), names in towns.items()]

    def covering(self, region: str, town: str) -> list[AssociationArea]:
        ids = self._session.execute(select(association_towns.c.organisation_id).where(
            association_towns.c.region == region, association_towns.c.town == town)).scalars()
        wanted = set(ids)
        return [a for a in self.areas(region) if a.organisation_id in wanted]

    def names(self, organisation_ids: list[str]) -> dict[str, str]:
        if not organisation_ids:
            return {}
        return dict(self._session.execute(select(organisations.c.id, organisations.c.name).where(
            organisations.c.id.in_(organisation_ids))).all())

    def add_figure(self, figure: HouseholdFigure) -> None:
        self._session.execute(insert(household_figures).values(
            id=figure.id, organisation_id=figure.organisation_id, measure=figure.measure,
            value=figure.value, as_of=figure.as_of, recorded_at=figure.recorded_at,
            recorded_by=figure.recorded_by))

    def figure(self, figure_id: str) -> HouseholdFigure | None:
        row = self._session.execute(select(household_figures).where(
            household_figures.c.id == figure_id)).first()
        return _figure(row) if row else None

    def figures_until(self, as_of: date, organisation_ids: list[str]) -> list[HouseholdFigure]:
        if not organisation_ids:
            return []
        rows = self._session.execute(select(household_figures).where(
            household_figures.c.as_of <= as_of,
            household_figures.c.organisation_id.in_(organisation_ids)))
        return [_figure(row) for row in rows]

    def figures_of(self, organisation_ids: list[str]) -> list[HouseholdFigure]:
        if not organisation_ids:
            return []
        rows = self._session.execute(select(household_figures).where(
            household_figures.c.organisation_id.in_(organisation_ids)))
        return [_figure(row) for row in rows]

    def lock_region(self, region: str) -> None:
        """Until commit, no other transaction recalculates this region's rate: two figures
        recorded at once would each publish rows missing the other. SQLite serialises writers
        already; PostgreSQL takes a transaction-scoped advisory lock on the region."""
        if self._session.get_bind().dialect.name == "postgresql":
            key = zlib.crc32(f"registry.membership_rate.{region}".encode())
            self._session.execute(select(func.pg_advisory_xact_lock(key)))

    def has_interest(self, interest_id: str) -> bool:
        return self._session.execute(select(newcomer_interests.c.id).where(
            newcomer_interests.c.id == interest_id)).first() is not None

    def add_interest(self, interest_id, organisation_id, region, town, registered_by, now):
        self._session.execute(insert(newcomer_interests).values(
            id=interest_id, organisation_id=organisation_id, region=region, town=town,
            registered_by=registered_by, registered_at=now))

    def remove_interests_of(self, registered_by: str) -> int:
        return self._session.execute(delete(newcomer_interests).where(
            newcomer_interests.c.registered_by == registered_by)).rowcount


def _figure(row) -> HouseholdFigure:
    data = dict(row._mapping)
    data["recorded_at"] = as_utc(data["recorded_at"])
    return HouseholdFigure(**data)
