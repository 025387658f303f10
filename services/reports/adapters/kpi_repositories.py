"""SQLAlchemy storage of KPI facts and indicator versions. Each batch of facts is rolled up per
measure, region and day in the same transaction, so the year's figures add up a few thousand
daily rows instead of scanning every fact."""
from datetime import date, datetime
from functools import cache

from sqlalchemy import bindparam, case, delete, distinct, func, insert, select
from sqlalchemy.orm import Session

from services.common.sql_upserts import dialect_insert
from services.common.timestamps import as_utc
from services.reports.adapters.tables import (NO_REGION, kpi_daily, kpi_daily_subjects, kpi_facts,
                                              kpi_indicator_versions, kpi_rates, kpi_talents)
from services.reports.domain.kpi import FactTotal, IndicatorVersion, KpiFact, RateFact, Totals

DRILL_DOWN_LIMIT = 1000
# Facts are written in batches (executemany): a replay adds several per event.
FACT_BATCH = 1000

# Built once: SQLAlchemy then reuses their compiled form for every event.
_INSERT_FACT = insert(kpi_facts)
_DELETE_TALENT = delete(kpi_talents).where(kpi_talents.c.talent_id == bindparam("id"))
_INSERT_TALENT = insert(kpi_talents)
_AGE_BAND = select(kpi_talents.c.age_band).where(kpi_talents.c.talent_id == bindparam("id"))
_ORGANISATION_REGION = select(kpi_facts.c.region).where(
    kpi_facts.c.measure == "organisations_registered",
    kpi_facts.c.subject_id == bindparam("id")).limit(1)


@cache
def _roll_up_statements(dialect: str):
    """Upserts that add a batch's daily counts and sums to the roll-up, and keep each subject's
    earliest day (both databases speak INSERT … ON CONFLICT)."""
    daily = dialect_insert(dialect)(kpi_daily)
    daily = daily.on_conflict_do_update(
        index_elements=[kpi_daily.c.measure, kpi_daily.c.region, kpi_daily.c.day],
        set_={"facts": kpi_daily.c.facts + daily.excluded.facts,
              "total": kpi_daily.c.total + daily.excluded.total})
    table = kpi_daily_subjects
    subjects = dialect_insert(dialect)(table)
    subjects = subjects.on_conflict_do_update(
        index_elements=[table.c.measure, table.c.fiscal_year, table.c.region, table.c.subject_id],
        set_={"first_on": case((subjects.excluded.first_on < table.c.first_on, subjects.excluded.first_on),
                               else_=table.c.first_on)})
    return daily, subjects


def _rolled_up(facts: list[dict]) -> tuple[list[dict], list[dict]]:
    days: dict[tuple, dict] = {}
    subjects: dict[tuple, dict] = {}
    for fact in facts:
        region = fact["region"] or NO_REGION
        key = (fact["measure"], region, fact["occurred_on"])
        row = days.get(key)
        if row is None:
            row = days[key] = {"measure": fact["measure"], "region": region, "day": fact["occurred_on"],
                               "fiscal_year": fact["fiscal_year"], "facts": 0, "total": 0.0}
        row["facts"] += 1
        row["total"] += fact["value"]
        if fact["subject_id"] is not None:
            key = (fact["measure"], fact["fiscal_year"], region, fact["subject_id"])
            seen = subjects.get(key)
            if seen is None or fact["occurred_on"] < seen["first_on"]:
                subjects[key] = {"measure": fact["measure"], "fiscal_year": fact["fiscal_year"], "region": region,
                                 "subject_id": fact["subject_id"], "first_on": fact["occurred_on"]}
    return list(days.values()), list(subjects.values())


class SqlKpiRepository:
    def __init__(self, session: Session):
        self._session = session
        self._pending: list[dict] = []

    def add_fact(self, fact: KpiFact) -> None:
        self._pending.append({
            "event_id": fact.event_id, "measure": fact.measure, "fiscal_year": fact.fiscal_year,
            "occurred_on": fact.occurred_on, "region": fact.region, "value": fact.value,
            "subject_id": fact.subject_id})
        if len(self._pending) >= FACT_BATCH:
            self.flush()

    def flush(self) -> None:
        """Writes the facts still buffered; the unit of work calls it before committing, and
        every read of the facts calls it first."""
        if self._pending:
            self._session.execute(_INSERT_FACT, self._pending)
            days, subjects = _rolled_up(self._pending)
            add_days, add_subjects = _roll_up_statements(self._session.get_bind().dialect.name)
            self._session.execute(add_days, days)
            if subjects:
                self._session.execute(add_subjects, subjects)
            self._pending = []

    def add_rate(self, rate: RateFact) -> None:
        self._session.execute(insert(kpi_rates).values(
            event_id=rate.event_id, region=rate.region, as_of=rate.as_of,
            households=rate.households, rate=rate.rate))

    def record_talent(self, talent_id: str, age_band: str) -> None:
        self._session.execute(_DELETE_TALENT, {"id": talent_id})
        self._session.execute(_INSERT_TALENT, {"talent_id": talent_id, "age_band": age_band})

    def age_band(self, talent_id: str) -> str | None:
        return self._session.execute(_AGE_BAND, {"id": talent_id}).scalar()

    def organisation_region(self, organisation_id: str) -> str | None:
        self.flush()
        return self._session.execute(_ORGANISATION_REGION, {"id": organisation_id}).scalar()

    def totals(self, cutoff: date) -> Totals:
        """From the daily roll-up: one pass per region; the city's counts and sums add the regions
        up, and distinct subjects are counted from their first days, per region and city-wide."""
        self.flush()
        found: Totals = {}
        city: dict[tuple[str, int], list] = {}
        daily, subjects = kpi_daily, kpi_daily_subjects
        by_region = select(daily.c.measure, daily.c.fiscal_year, daily.c.region, func.sum(daily.c.facts),
                           func.sum(daily.c.total)).where(daily.c.day <= cutoff).group_by(
            daily.c.measure, daily.c.fiscal_year, daily.c.region)
        regional_subjects = select(subjects.c.measure, subjects.c.fiscal_year, subjects.c.region,
                                   func.count()).where(subjects.c.first_on <= cutoff).group_by(
            subjects.c.measure, subjects.c.fiscal_year, subjects.c.region)
        counted = {(m, y, r): n for m, y, r, n in self._session.execute(regional_subjects)}
        for measure, year, region, count, total in self._session.execute(by_region):
            found[(measure, year, region or None)] = FactTotal(
                int(count), float(total or 0), counted.get((measure, year, region), 0))
            whole = city.setdefault((measure, year), [0, 0.0])
            whole[0] += int(count)
            whole[1] += float(total or 0)
        city_subjects = select(subjects.c.measure, subjects.c.fiscal_year,
                               func.count(distinct(subjects.c.subject_id))).where(
            subjects.c.first_on <= cutoff).group_by(subjects.c.measure, subjects.c.fiscal_year)
        distinct_subjects = {(m, y): n for m, y, n in self._session.execute(city_subjects)}
        for (measure, year), (count, total) in city.items():
            found[(measure, year, None)] = FactTotal(count, total,
                                                     distinct_subjects.get((measure, year), 0))
        return found

    def rates(self, cutoff: date) -> list[RateFact]:
        rows = self._session.execute(select(kpi_rates).where(kpi_rates.c.as_of <= cutoff))
        return [RateFact(r.event_id, r.region, r.as_of, r.households, r.rate) for r in rows]

    def fact_events(self, measures: list[str], fiscal_year: int, region: str | None,
                    cutoff: date) -> list[KpiFact]:
        self.flush()
        statement = select(kpi_facts).where(
            kpi_facts.c.measure.in_(measures), kpi_facts.c.fiscal_year == fiscal_year,
            kpi_facts.c.occurred_on <= cutoff).order_by(
            kpi_facts.c.occurred_on, kpi_facts.c.event_id).limit(DRILL_DOWN_LIMIT)
        if region:
            statement = statement.where(kpi_facts.c.region == region)
        return [KpiFact(r.event_id, r.measure, r.fiscal_year, r.occurred_on, r.region, r.value,
                        r.subject_id) for r in self._session.execute(statement)]

    def add_version(self, version: IndicatorVersion) -> None:
        self._session.execute(insert(kpi_indicator_versions).values(
            code=version.code, version=version.version, definition=version.definition(),
            defined_at=version.defined_at, defined_by=version.defined_by))

    def versions(self, code: str) -> list[IndicatorVersion]:
        rows = self._session.execute(select(kpi_indicator_versions).where(
            kpi_indicator_versions.c.code == code).order_by(kpi_indicator_versions.c.version))
        return [_version(row) for row in rows]

    def latest_versions(self, at: datetime | None = None) -> list[IndicatorVersion]:
        table = kpi_indicator_versions
        statement = select(table).order_by(table.c.code, table.c.version)
        if at is not None:
            statement = statement.where(table.c.defined_at <= at)
        latest = {}
        for row in self._session.execute(statement):
            latest[row.code] = _version(row)
        return list(latest.values())


def _version(row) -> IndicatorVersion:
    definition = row.definition
    return IndicatorVersion(
        code=row.code, version=row.version, name=definition["name"],
        measure=definition["measure"], unit=definition["unit"],
        direction=definition["direction"], region=definition["region"],
        baseline=definition["baseline"],
        targets={int(k): float(v) for k, v in definition["targets"].items()},
        defined_at=as_utc(row.defined_at), defined_by=row.defined_by)
