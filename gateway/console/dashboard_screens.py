"""The operator's dashboard: the plan's KPIs against this fiscal year's targets (charts with
tables), and what is waiting today across the services."""
from werkzeug.wrappers import Response

from gateway.console import ops_counts
from gateway.console.charts import ACHIEVEMENT_SCALE, bar_chart, figure, progress_bar
from gateway.console.city_calendar import city_today, fiscal_year


def dashboard(context) -> Response:
    today = city_today(context.now)
    year = fiscal_year(today)
    dead_letters = ops_counts.dead_letters_per_service(context)
    return context.render(
        "dashboard.html", today=today.isoformat(), fiscal_year=year,
        kpis=_kpis(context, year),
        pending=ops_counts.listing_count(context, "listOrganisations", status="pending"),
        consultations=ops_counts.listing_count(context, "listConsultations", status="open"),
        bookings=ops_counts.todays_bookings(context, today),
        failing=ops_counts.failing_endpoints(context),
        dead_letters=dead_letters,
        dead_chart=bar_chart(list(dead_letters.items())) if dead_letters is not None else None,
        scale=ACHIEVEMENT_SCALE, figure=figure)


def _kpis(context, year: int) -> list[dict] | None:
    """Each indicator's figures for the year, with its bar; None when reports did not answer."""
    progress = context.api("getPlanProgress")
    if progress.status != 200:
        return None
    catalogue = context.api("listKpiMeasures")
    plans = {measure["code"]: measure.get("plan", "")
             for measure in (catalogue.body.get("measures", []) if catalogue.status == 200 else [])}
    kpis = []
    for entry in progress.body["indicators"]:
        indicator = entry["indicator"]
        figures = next((row for row in entry["years"] if row["fiscal_year"] == year), {})
        kpis.append({"code": indicator["code"], "name": indicator["name"], "unit": indicator["unit"],
                     "plan": plans.get(indicator["measure"], ""),
                     "value": figures.get("value"), "target": figures.get("target"),
                     "achievement": figures.get("achievement"), "grade": figures.get("grade"),
                     "bar": progress_bar(figures.get("achievement"))})
    return kpis
