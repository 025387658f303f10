"""The city's plan-progress report, as a document: every indicator against its targets, a chart
and a one-line Japanese summary each, as it stood on one day."""
from datetime import date

from services.reports.domain.fiscal_year import fiscal_year_label, fiscal_year_of
from services.reports.domain.kpi import Grades, IndicatorProgress, summary_line
from services.reports.domain.report_document import Chart, ReportDocument, Section

DIRECTION_NAMES = {"higher": "高いほど良い", "lower": "低いほど良い"}


def city_report(city_name: str, as_of: date, indicators: list[IndicatorProgress],
                grades: Grades, region_names: dict[str, str]) -> ReportDocument:
    year = fiscal_year_of(as_of)
    current = [next((y for y in p.years if y.fiscal_year == year), None) for p in indicators]
    counts = {g: sum(1 for y in current if y and y.grade == g) for g in "SABC"}
    overview = Section(
        "指標一覧", ("指標", "単位", "方向", "基準値", f"{year}年度目標", f"{year}年度実績",
                 "達成率（%）", "評価"),
        tuple((p.indicator.name, p.indicator.unit, DIRECTION_NAMES[p.indicator.direction],
               p.indicator.baseline, y.target if y else None, y.value if y else None,
               y.achievement if y else None, (y.grade if y else None) or "—")
              for p, y in zip(indicators, current)),
        notes=(grades.legend(),
               "達成率は、高いほど良い指標は実績÷目標、低いほど良い指標は目標÷実績です。"))
    sections = [overview]
    for found in indicators:
        indicator = found.indicator
        labels = tuple(f"{y.fiscal_year}年度" for y in found.years)
        rows = [(f"{y.fiscal_year}年度", y.target, y.value, y.achievement, y.grade or "—")
                for y in found.years]
        regional = tuple(
            (region_names.get(region, region), *(values.get(y.fiscal_year) for y in found.years))
            for region, values in sorted(found.by_region.items()))
        sections.append(Section(
            indicator.name, ("年度", "目標", "実績", "達成率（%）", "評価"), tuple(rows),
            chart=Chart("line", f"{indicator.name}（{indicator.unit}）", labels, (
                ("目標", tuple(y.target for y in found.years)),
                ("実績", tuple(y.value for y in found.years))), indicator.unit),
            notes=(summary_line(found, year),
                   f"指標 {indicator.code} 第{indicator.version}版（"
                   f"{indicator.defined_at.date().isoformat()} 定義）・基準値 "
                   f"{'—' if indicator.baseline is None else f'{indicator.baseline:g}'}"
                   f"（2023年度）",
                   *(["地域別: " + " / ".join(
                       f"{row[0]} {row[-1]:g}" for row in regional if row[-1] is not None)]
                     if regional else []))))
    return ReportDocument(
        title=f"{city_name} 地域づくり協働推進計画 進捗報告書",
        subtitle=f"{as_of.isoformat()} 時点・{fiscal_year_label(year)}",
        filename_stem=f"協働推進計画_進捗報告書_{as_of.isoformat()}",
        headline=(("指標数", len(indicators)), *((f"評価{g}", counts[g]) for g in "SABC")),
        sections=tuple(sections),
        notes=(grades.legend(), "各値は、その日までに記録されたイベントから計算しています。"))
