"""Plan KPI use cases: operators define indicators on the catalogue's measures (each change a
new version), set yearly targets, and read values, 達成率 and grades per fiscal year and region,
as of today or any past day, down to the events behind a figure."""
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound, invalid
from services.reports.app.kpi_facts import city_timezone, local_day
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.contract.vocabulary import (BASELINE_FISCAL_YEAR, PLAN_FISCAL_YEARS,
                                                  SNAPSHOT_RATE)
from services.reports.domain.fiscal_year import fiscal_year_of
from services.reports.domain.kpi import (CATALOGUE, RATIO_PARTS, Grades, IndicatorProgress,
                                         IndicatorVersion, RateFact, SourceEvent, next_version,
                                         progress, summary_line)

OPERATORS_ONLY = "運営者のみが指標を定義できます / only operators define indicators"


@dataclass(frozen=True)
class DefineIndicator:
    code: str
    name: str
    measure: str
    unit: str | None
    direction: str
    region: str | None
    baseline: float | None
    targets: dict[int, float]


@dataclass(frozen=True)
class ProgressQuery:
    as_of: date | None = None
    regions: tuple[str, ...] = ()
    grades: Grades = Grades()


@dataclass(frozen=True)
class DrillDown:
    code: str
    fiscal_year: int
    region: str | None = None
    as_of: date | None = None


def define_indicator(uow: ReportsUnitOfWork, actor: Actor, command: DefineIndicator,
                     now: datetime | None = None) -> IndicatorVersion:
    _operator(actor)
    measure = CATALOGUE.get(command.measure)
    if measure is None:
        raise invalid(measure=f"カタログにない指標です / not in the catalogue: {command.measure}")
    _check_targets(command.targets)
    proposed = IndicatorVersion(
        code=command.code, version=0, name=command.name, measure=command.measure,
        unit=command.unit or measure.unit, direction=command.direction, region=command.region,
        baseline=command.baseline, targets=dict(command.targets),
        defined_at=now or datetime.now(timezone.utc), defined_by=actor.recipient_id)
    with uow:
        history = uow.kpi.versions(command.code)
        stored = next_version(history[-1] if history else None, proposed)
        if stored is None:
            return history[-1]
        uow.kpi.add_version(stored)
        uow.commit()
    return stored


def set_target(uow: ReportsUnitOfWork, actor: Actor, code: str, fiscal_year: int,
               target: float, now: datetime | None = None) -> IndicatorVersion:
    """A new target is a new version of the indicator: earlier versions keep theirs."""
    _operator(actor)
    _check_targets({fiscal_year: target})
    with uow:
        history = uow.kpi.versions(code)
        if not history:
            raise invalid(code=f"定義されていない指標です / unknown indicator: {code}")
        current = history[-1]
        proposed = replace(current, targets={**current.targets, fiscal_year: target},
                           defined_at=now or datetime.now(timezone.utc),
                           defined_by=actor.recipient_id)
        stored = next_version(current, proposed)
        if stored is None:
            return current
        uow.kpi.add_version(stored)
        uow.commit()
    return stored


def indicator_history(uow: ReportsUnitOfWork, actor: Actor, code: str) -> list[IndicatorVersion]:
    with uow:
        history = uow.kpi.versions(code)
    if not history:
        raise NotFound(f"指標がありません / no indicator {code}")
    return history


def plan_progress(uow: ReportsUnitOfWork, query: ProgressQuery) -> tuple[date, list[IndicatorProgress]]:
    with uow:
        return plan_progress_in(uow, query)


def plan_progress_in(uow: ReportsUnitOfWork, query: ProgressQuery) -> tuple[date, list[IndicatorProgress]]:
    """Every indicator as its definition stood at the end of `as_of`, valued from the facts of
    events that happened by then: a past day's answer does not change later. (Inside an open
    unit of work: the report worker calls it in its own transaction.)"""
    as_of = query.as_of or local_day(datetime.now(timezone.utc))  # the city's today
    end_of_day = datetime.combine(as_of + timedelta(days=1), time(0), tzinfo=city_timezone())
    indicators = uow.kpi.latest_versions(end_of_day)
    totals = uow.kpi.totals(as_of)
    rates = uow.kpi.rates(as_of)
    years = (BASELINE_FISCAL_YEAR, *PLAN_FISCAL_YEARS)
    found = [progress(indicator, totals, rates, years, query.grades, as_of, query.regions)
             for indicator in sorted(indicators, key=lambda i: i.code)]
    return as_of, found


@dataclass(frozen=True)
class PlanProgress:
    as_of: date
    grades: str  # the thresholds, as printed on the report
    indicators: list[dict]  # each IndicatorProgress's fields and its Japanese summary


def plan_progress_answer(uow: ReportsUnitOfWork, query: ProgressQuery) -> PlanProgress:
    as_of, found = plan_progress(uow, query)
    year = fiscal_year_of(as_of)
    return PlanProgress(as_of, query.grades.legend(),
                        [{**p.__dict__, "summary_ja": summary_line(p, year)} for p in found])


def drill_down(uow: ReportsUnitOfWork, query: DrillDown) -> tuple[IndicatorVersion, list[SourceEvent]]:
    """The events behind one indicator's value for a year (and region)."""
    as_of = query.as_of or local_day(datetime.now(timezone.utc))
    with uow:
        history = uow.kpi.versions(query.code)
        if not history:
            raise NotFound(f"指標がありません / no indicator {query.code}")
        indicator = history[-1]
        region = query.region or indicator.region
        measure = CATALOGUE[indicator.measure]
        if measure.aggregate == SNAPSHOT_RATE:
            rates = _latest_rates(uow.kpi.rates(as_of), query.fiscal_year, region)
            return indicator, [SourceEvent(r.event_id, r.as_of, r.region, r.rate) for r in rates]
        measures = list(RATIO_PARTS.get(measure.code, (measure.code,)))
        facts = uow.kpi.fact_events(measures, query.fiscal_year, region, as_of)
        return indicator, [SourceEvent(f.event_id, f.occurred_on, f.region, f.value)
                           for f in facts]


def _latest_rates(rates: list[RateFact], fiscal_year: int, region: str | None) -> list[RateFact]:
    end = date(fiscal_year + 1, 3, 31)
    latest: dict[str, RateFact] = {}
    for rate in rates:
        if rate.as_of <= end and (region is None or rate.region == region):
            if rate.region not in latest or rate.as_of >= latest[rate.region].as_of:
                latest[rate.region] = rate
    return [latest[r] for r in sorted(latest)]


def _check_targets(targets: dict[int, float]) -> None:
    wrong = [year for year in targets if year not in PLAN_FISCAL_YEARS]
    if wrong:
        raise invalid(targets=f"目標は{PLAN_FISCAL_YEARS[0]}〜{PLAN_FISCAL_YEARS[-1]}年度に設定します / "
                              f"targets are for FY{PLAN_FISCAL_YEARS[0]}–FY{PLAN_FISCAL_YEARS[-1]}: "
                              f"{', '.join(map(str, sorted(wrong)))}")


def _operator(actor: Actor) -> None:
    if not actor.is_operator:
        raise Forbidden(OPERATORS_ONLY)
