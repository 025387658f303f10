"""SQLAlchemy storage of KPI facts and indicator versions; totals are added up in SQL so a
year's figures never load every fact into memory."""
from datetime import date, datetime

from sqlalchemy import bindparam, delete, distinct, func, insert, select
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.reports.adapters.tables import (kpi_facts, kpi_indicator_versions, kpi_rates,
                                              kpi_talents)
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
        """One pass per region; the city's counts and sums add the regions up, and only the
        distinct subjects (few rows: facts that name one) are counted again city-wide."""
        self.flush()
        found: Totals = {}
        city: dict[tuple[str, int], list] = {}
        by_region = select(kpi_facts.c.measure, kpi_facts.c.fiscal_year, kpi_facts.c.region,
                           func.count(), func.sum(kpi_facts.c.value),
                           func.count(distinct(kpi_facts.c.subject_id))).where(
            kpi_facts.c.occurred_on <= cutoff).group_by(
            kpi_facts.c.measure, kpi_facts.c.fiscal_year, kpi_facts.c.region)
        for measure, year, region, count, total, subjects in self._session.execute(by_region):
            found[(measure, year, region)] = FactTotal(count, float(total or 0), subjects)
            whole = city.setdefault((measure, year), [0, 0.0])
            whole[0] += count
            whole[1] += float(total or 0)
        subjects = select(kpi_facts.c.measure, kpi_facts.c.fiscal_year,
                          func.count(distinct(kpi_facts.c.subject_id))).where(
            kpi_facts.c.occurred_on <= cutoff, kpi_facts.c.subject_id.is_not(None)).group_by(
            kpi_facts.c.measure, kpi_facts.c.fiscal_year)
        distinct_subjects = {(m, y): n for m, y, n in self._session.execute(subjects)}
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
