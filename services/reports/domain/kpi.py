"""Plan KPIs (PLAN.md, plan-wide progress): a catalogue of measures computed from events,
indicators the city defines on them with a baseline (FY2023) and yearly targets (FY2024–FY2028),
and how a year's value compares with its target (達成率 and an S/A/B/C grade).

An indicator's definition is versioned: changing it adds a version and never rewrites what an
earlier version said. Values are computed from facts, each naming the event it came from.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

from services.reports.contract.vocabulary import (COUNT, DISTINCT, LOWER, RATIO, SNAPSHOT_RATE,
                                                  SUM)


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    unit: str
    aggregate: str  # COUNT, SUM, DISTINCT, RATIO (numerator/denominator facts) or SNAPSHOT_RATE
    plan: str  # the PLAN.md measure it evidences
    source_events: tuple[str, ...]


CATALOGUE = {m.code: m for m in (
    Measure("organisations_registered", "登録団体数", "団体", COUNT, "P1.1.2",
            ("registry.organisation_registered",)),
    Measure("organisations_verified", "確認済み団体数", "団体", COUNT, "P1.1.2",
            ("registry.organisation_verified",)),
    Measure("consultations", "相談件数", "件", COUNT, "P1.1.1", ("registry.consultation_opened",)),
    Measure("needs_posted", "募集件数", "件", COUNT, "P1.2.2", ("matching.need_posted",)),
    Measure("matches_completed", "マッチング成立（活動完了）件数", "件", COUNT, "P1.2.2",
            ("matching.match_completed",)),
    Measure("volunteer_hours", "ボランティア活動時間（承認済み）", "時間", SUM, "P1.2.2",
            ("matching.match_completed",)),
    Measure("active_businesses", "活動した事業者数", "社", DISTINCT, "P2.2.2",
            ("matching.offer_posted", "matching.match_completed")),
    Measure("youth_share", "若者（10代・20代）の参加割合", "%", RATIO, "P2.1.2",
            ("matching.match_completed", "matching.talent_registered")),
    Measure("membership_rate", "自治会加入率", "%", SNAPSHOT_RATE, "P2.1.3",
            ("registry.membership_rate_recalculated",)),
    Measure("facility_use", "拠点施設の利用件数（確定）", "件", COUNT, "P3.2.2",
            ("registry.booking_confirmed",)),
    Measure("newcomers_introduced", "自治会紹介を希望した転入者数", "人", COUNT, "P2.1.3",
            ("registry.newcomer_interest_registered",)),
)}

# Fact names for ratio measures: (numerator, denominator)
RATIO_PARTS = {"youth_share": ("youth_share.numerator", "youth_share.denominator")}


@dataclass(frozen=True)
class KpiFact:
    event_id: str
    measure: str  # a catalogue code, or a ratio's part
    fiscal_year: int
    occurred_on: date
    region: str | None
    value: float
    subject_id: str | None = None  # what DISTINCT counts (a business)


@dataclass(frozen=True)
class RateFact:
    """Registry's membership rate for a region as of a day (registry owns the rule)."""
    event_id: str
    region: str
    as_of: date
    households: int
    rate: float | None


@dataclass(frozen=True)
class SourceEvent:
    """One event behind a KPI value (a drill-down row)."""
    event_id: str
    occurred_on: date
    region: str | None
    value: float | None


@dataclass(frozen=True)
class IndicatorVersion:
    code: str
    version: int
    name: str
    measure: str
    unit: str
    direction: str
    region: str | None  # a filter: one region, or the whole city
    baseline: float | None  # FY2023
    targets: dict[int, float]  # fiscal year → target
    defined_at: datetime
    defined_by: str

    def definition(self) -> dict:
        """What makes a version: changing any of these is a new version."""
        return {"name": self.name, "measure": self.measure, "unit": self.unit,
                "direction": self.direction, "region": self.region, "baseline": self.baseline,
                "targets": {int(k): float(v) for k, v in self.targets.items()}}


@dataclass(frozen=True)
class Grades:
    """Achievement thresholds (達成率, %): S at or above s, A at or above a, B at or above b."""
    s: float = 100.0
    a: float = 80.0
    b: float = 60.0

    def grade(self, achievement: float | None) -> str | None:
        if achievement is None:
            return None
        if achievement >= self.s:
            return "S"
        if achievement >= self.a:
            return "A"
        if achievement >= self.b:
            return "B"
        return "C"

    def legend(self) -> str:
        return (f"評価基準（達成率）: S {self.s:g}%以上 / A {self.a:g}%以上 / B {self.b:g}%以上 / "
                f"C {self.b:g}%未満")


@dataclass(frozen=True)
class YearValue:
    fiscal_year: int
    value: float | None
    target: float | None
    achievement: float | None  # %
    grade: str | None


@dataclass
class IndicatorProgress:
    indicator: IndicatorVersion
    years: list[YearValue] = field(default_factory=list)
    by_region: dict[str, dict[int, float | None]] = field(default_factory=dict)


def next_version(current: IndicatorVersion | None, proposed: IndicatorVersion) -> IndicatorVersion | None:
    """The version to store, or None when nothing changed (a repeated PUT adds nothing)."""
    if current is not None and current.definition() == proposed.definition():
        return None
    number = current.version + 1 if current else 1
    return IndicatorVersion(**{**proposed.__dict__, "version": number})


def achievement(value: float | None, target: float | None, direction: str) -> float | None:
    """達成率 (%): value ÷ target when higher is better, target ÷ value when lower is better."""
    if value is None or target is None:
        return None
    if direction == LOWER:
        return round(target / value * 100, 1) if value else None
    return round(value / target * 100, 1) if target else None


@dataclass(frozen=True)
class FactTotal:
    """Facts of one measure, fiscal year and region (None: the whole city), added up."""
    count: int
    total: float
    subjects: int  # distinct subject ids


# (measure or ratio part, fiscal year, region or None for the city) → its total
Totals = dict[tuple[str, int, str | None], FactTotal]


def value_of(measure: Measure, totals: Totals, rates: list[RateFact], fiscal_year: int,
             region: str | None, cutoff: date) -> float | None:
    """The measure's value for one fiscal year (and region) from facts added up by `cutoff`."""
    if measure.aggregate == SNAPSHOT_RATE:
        return _membership_rate(rates, fiscal_year, region, cutoff)
    empty = FactTotal(0, 0.0, 0)
    if measure.aggregate == RATIO:
        numerator, denominator = RATIO_PARTS[measure.code]
        top = totals.get((numerator, fiscal_year, region), empty).total
        bottom = totals.get((denominator, fiscal_year, region), empty).total
        return round(top / bottom * 100, 1) if bottom else None
    found = totals.get((measure.code, fiscal_year, region), empty)
    if measure.aggregate == DISTINCT:
        return float(found.subjects)
    if measure.aggregate == SUM:
        return round(found.total, 2)
    return float(found.count)


def _membership_rate(rates: list[RateFact], fiscal_year: int, region: str | None,
                     cutoff: date) -> float | None:
    """Registry's rate as of the fiscal year's end (or the cutoff): per region its latest
    snapshot; for the city, the regions' rates weighted by their households."""
    end = min(date(fiscal_year + 1, 3, 31), cutoff)
    latest: dict[str, RateFact] = {}
    for fact in rates:
        if fact.as_of <= end and (region is None or fact.region == region):
            if fact.region not in latest or fact.as_of >= latest[fact.region].as_of:
                latest[fact.region] = fact
    known = [f for f in latest.values() if f.rate is not None and f.households]
    households = sum(f.households for f in known)
    if not households:
        return None
    return round(sum(f.rate * f.households for f in known) / households * 100, 1)


def progress(indicator: IndicatorVersion, totals: Totals, rates: list[RateFact],
             years: tuple[int, ...], grades: Grades, cutoff: date,
             regions: tuple[str, ...] = ()) -> IndicatorProgress:
    measure = CATALOGUE[indicator.measure]
    found = IndicatorProgress(indicator)
    for year in years:
        value = value_of(measure, totals, rates, year, indicator.region, cutoff)
        target = indicator.targets.get(year)
        rate = achievement(value, target, indicator.direction)
        found.years.append(YearValue(year, value, target, rate, grades.grade(rate)))
    if indicator.region is None:
        for region in regions:
            found.by_region[region] = {year: value_of(measure, totals, rates, year, region, cutoff)
                                       for year in years}
    return found


def summary_line(found: IndicatorProgress, year: int) -> str:
    """One Japanese sentence per indicator for the city report."""
    indicator = found.indicator
    row = next((y for y in found.years if y.fiscal_year == year), None)
    if row is None or row.value is None:
        return f"{indicator.name}：{year}年度の実績はまだありません。"
    text = f"{indicator.name}は{year}年度 {row.value:g}{indicator.unit}"
    if row.target is None:
        return text + "（目標未設定）。"
    verb = "上回" if row.value > row.target else "下回" if row.value < row.target else "達成し"
    rate = "—" if row.achievement is None else f"{row.achievement:g}%"
    ending = "ました" if verb == "達成し" else "りました"
    return (text + f"、目標 {row.target:g}{indicator.unit}を{verb}{ending}"
            f"（達成率 {rate}、評価 {row.grade or '—'}）。")
