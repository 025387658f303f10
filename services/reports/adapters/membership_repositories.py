"""SQLAlchemy read model of registry's membership-rate snapshots and of newcomer interests."""
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from services.reports.adapters.tables import membership_rate_snapshots, newcomer_interest_facts
from services.reports.domain.membership import RateSnapshot


class SqlMembershipRepository:
    def __init__(self, session: Session):
        self._session = session

    def record_snapshot(self, snapshot: RateSnapshot) -> None:
        """A snapshot sent again for the same region and day replaces the one kept."""
        table = membership_rate_snapshots
        self._session.execute(delete(table).where(table.c.region == snapshot.region,
                                                  table.c.as_of == snapshot.as_of))
        self._session.execute(insert(table).values(
            region=snapshot.region, as_of=snapshot.as_of, associations=snapshot.associations,
            households_in_area=snapshot.households_in_area,
            member_households=snapshot.member_households, rate=snapshot.rate))

    def snapshots_until(self, as_of: date, region: str | None) -> list[RateSnapshot]:
        table = membership_rate_snapshots
        statement = select(table).where(table.c.as_of <= as_of)
        if region:
            statement = statement.where(table.c.region == region)
        return [RateSnapshot(r.region, r.as_of, r.associations, r.households_in_area,
                             r.member_households, r.rate)
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
