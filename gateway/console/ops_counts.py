"""What is waiting for operators, counted through the public API: shared by the work queue and
the dashboard. Each function answers None when the API could not say (the page says so)."""
from gateway.admin_schemas import CONSUMING_SERVICES
from gateway.console.city_calendar import city_day_bounds

# A count stops here: past it the screen says "200+".
COUNT_LIMIT = 200
# Today's bookings are counted over at most this many pages of the day's window.
BOOKING_PAGES = 10


def listing_count(context, route_name: str, **query) -> str | None:
    """How many items a listing has, up to COUNT_LIMIT ("200+" beyond)."""
    outcome = context.api(route_name, {**query, "limit": str(COUNT_LIMIT)})
    if outcome.status != 200:
        return None
    items = len(outcome.body["items"])
    return f"{items}+" if outcome.body.get("next_cursor") else str(items)


def dead_letters_per_service(context) -> dict[str, int] | None:
    """Letters not yet replayed, per consuming service."""
    counts = {}
    for service in CONSUMING_SERVICES:
        outcome = context.api("listDeadLetters", {"service": service})
        if outcome.status != 200:
            return None
        counts[service] = len(outcome.body["items"])
    return counts


def webhook_endpoints(context) -> list[dict] | None:
    """The endpoints the API lists for this operator, failing ones first, each with `failing`
    (disabled, or its newest delivery failed) and `last_delivery` (or None)."""
    outcome = context.api("listWebhookEndpoints")
    if outcome.status != 200:
        return None
    endpoints = []
    for endpoint in outcome.body["items"]:
        newest = context.api("listWebhookDeliveries", {"endpoint_id": endpoint["id"], "limit": "1"})
        last = newest.body["items"][0] if newest.status == 200 and newest.body["items"] else None
        failing = endpoint["status"] == "disabled" or (last or {}).get("status") == "failed"
        endpoints.append({**endpoint, "failing": failing, "last_delivery": last})
    return sorted(endpoints, key=lambda endpoint: not endpoint["failing"])  # stable: API order kept


def failing_endpoints(context) -> int | None:
    endpoints = webhook_endpoints(context)
    return None if endpoints is None else sum(endpoint["failing"] for endpoint in endpoints)


def unanswered_surveys(context) -> int | None:
    """Open surveys that some invited business has not answered yet."""
    outcome = context.api("listSurveys", {"status": "open", "limit": str(COUNT_LIMIT)})
    if outcome.status != 200:
        return None
    waiting = 0
    for survey in outcome.body["items"]:
        results = context.api("getSurveyResults", {"survey_id": survey["survey_id"]})
        if results.status != 200:
            return None
        waiting += results.body["responses"] < results.body["invited"]
    return waiting


def todays_bookings(context, today) -> dict[str, int] | None:
    """Bookings overlapping the city's day, per status (requested, confirmed …): the API
    filters by the window, so every page listed is today's."""
    start, end = city_day_bounds(today)
    window = {"ends_after": start.isoformat(), "starts_before": end.isoformat(),
              "limit": str(COUNT_LIMIT)}
    counts: dict[str, int] = {}
    cursor = ""
    for _ in range(BOOKING_PAGES):
        outcome = context.api("listBookings", {**window, **({"cursor": cursor} if cursor else {})})
        if outcome.status != 200:
            return None
        for booking in outcome.body["items"]:
            counts[booking["status"]] = counts.get(booking["status"], 0) + 1
        cursor = outcome.body.get("next_cursor")
        if not cursor:
            break
    return counts
