"""Operators' facility screens: facilities (search, region, page by page), one facility with its
rooms and the bookings waiting for a decision, a room's week calendar (bookings and free hours
in city time) with a booking form, and confirming or declining a requested booking."""
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

from werkzeug.wrappers import Response

from gateway.console import week_grid
from gateway.console.texts import BOOKING_STATUS_LABELS, label

PAGE_SIZE = 20
# A week's bookings, read page by page (a room has far fewer: 7 days × 24 half-hours each).
BOOKINGS_PAGE = 200
MAX_BOOKING_PAGES = 5
BOOKING_FIELDS = ("date", "start", "end", "attendees", "purpose", "organisation_id")


def facilities(context) -> Response:
    args = context.request.args
    query = {"q": args.get("q", "").strip(), "region": args.get("region", "").strip(),
             "cursor": args.get("cursor", "")}
    outcome = context.api("listFacilities", {**{name: value for name, value in query.items() if value},
                                             "limit": str(PAGE_SIZE)})
    if outcome.status == 422:
        return context.render("facilities.html", status=422, query=query, items=[],
                              next_cursor=None, errors=outcome.body.get("errors"), **_labels(context))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.render("facilities.html", query=query, items=outcome.body["items"], errors=None,
                          next_cursor=outcome.body.get("next_cursor"), **_labels(context))


def facility(context, facility_id: str, problem: str | None = None, status: int = 200) -> Response:
    found = context.api("getFacility", {"facility_id": facility_id})
    if found.status != 200:
        return context.outcome_error(found)
    waiting = context.api("listBookings", {"facility_id": facility_id, "status": "requested",
                                           "limit": str(PAGE_SIZE)})
    return context.render("facility.html", status=status, facility=found.body, problem=problem,
                          waiting=waiting.body["items"] if waiting.status == 200 else None,
                          rooms_by_id={room["id"]: room for room in found.body["rooms"]},
                          **_booking_labels(context), **_labels(context))


def room(context, facility_id: str, room_id: str, errors: dict | None = None,
         values: dict | None = None, problem: str | None = None, status: int = 200,
         week: str | None = None) -> Response:
    """The week of `week` (a form's date, or where a decision came from), else of ?week=."""
    found = context.api("getFacility", {"facility_id": facility_id})
    if found.status != 200:
        return context.outcome_error(found)
    the_room = next((r for r in found.body["rooms"] if r["id"] == room_id), None)
    if the_room is None:
        return context.error_page(404, "not_found")
    args = context.request.args
    week_errors = None
    week = week or args.get("week")
    try:
        shown = date.fromisoformat(week) if week else context.now.astimezone(
            week_grid.CITY_TIME).date()
    except ValueError:  # a hand-typed week: say so, show this week
        week_errors = context.text("bad_week")
        shown = context.now.astimezone(week_grid.CITY_TIME).date()
    monday = week_grid.monday_of(shown)
    bookings = _week_bookings(context, room_id, monday)
    if bookings is None:
        return context.error_page(503, "service_error")
    free = []
    for offset in range(week_grid.DAYS):
        day = monday.fromordinal(monday.toordinal() + offset)
        slots = context.api("freeSlots", {"room_id": room_id, "date": day.isoformat()})
        if slots.status == 200:
            free += [(week_grid.parse_moment(s["starts_at"]), week_grid.parse_moment(s["ends_at"]))
                     for s in slots.body["free"]]
    hours = found.body.get("opening_hours") or {}
    grid = week_grid.week_grid(monday, week_grid.opening_hours(hours.get("open", "09:00"),
                                                               hours.get("close", "21:00")),
                               bookings, free)
    values = values or {"date": args.get("date", ""), "start": args.get("start", ""),
                        "end": args.get("end", ""), "attendees": "", "purpose": "",
                        "organisation_id": ""}
    done = args.get("done")
    return context.render(
        "room.html", status=status, facility=found.body, room=the_room, grid=grid,
        week_bookings=[span.item for span in bookings
                       if span.starts_at < grid.ends_at and span.ends_at > grid.starts_at],
        errors=errors, values=values, problem=problem, week_error=week_errors, now=context.now,
        this_week=week_grid.monday_of(context.now.astimezone(week_grid.CITY_TIME).date()),
        back=f"/console/facilities/{facility_id}/rooms/{room_id}?week={monday.isoformat()}",
        done=context.text(f"done_{done}") if done in (
            "booked", "booking_confirmed", "booking_declined") else None,
        **_booking_labels(context))


def _week_bookings(context, room_id: str, monday: date) -> list[week_grid.Span] | None:
    """The room's bookings (requested or confirmed) that overlap the week."""
    week = week_grid.week_grid(monday, (0, 0), [], [])
    spans, cursor = [], ""
    for _ in range(MAX_BOOKING_PAGES):
        outcome = context.api("listBookings", {
            "room_id": room_id, "ends_after": week.starts_at.isoformat(),
            "starts_before": week.ends_at.isoformat(), "limit": str(BOOKINGS_PAGE),
            **({"cursor": cursor} if cursor else {})})
        if outcome.status != 200:
            return None
        spans += [week_grid.Span(week_grid.parse_moment(item["starts_at"]),
                                 week_grid.parse_moment(item["ends_at"]), item)
                  for item in outcome.body["items"] if item["status"] in ("requested", "confirmed")]
        cursor = outcome.body.get("next_cursor") or ""
        if not cursor:
            break
    return spans


def book(context, facility_id: str, room_id: str) -> Response:
    form = context.request.form
    values = {name: form.get(name, "").strip() for name in BOOKING_FIELDS}
    data = {"room_id": room_id, **{name: values[name] for name in
                                   ("attendees", "purpose", "organisation_id") if values[name]}}
    errors = {}
    if values["date"] and values["start"]:
        data["starts_at"] = _moment(values["date"], values["start"])
    if values["date"] and values["end"]:
        data["ends_at"] = _moment(values["date"], values["end"])
    outcome = context.api("requestBooking", data, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        errors = _booking_errors(refused, values)
        return room(context, facility_id, room_id, errors=errors, values=values, status=422,
                    week=_valid_date(values["date"]))
    if outcome.status in (404, 409):
        return room(context, facility_id, room_id, values=values, status=outcome.status,
                    problem=outcome.body.get("detail"), week=_valid_date(values["date"]))
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/facilities/{facility_id}/rooms/{room_id}",
                            week=values["date"], done="booked")


def confirm_booking(context, booking_id: str) -> Response:
    return _decide(context, booking_id, "confirmBooking", {}, "booking_confirmed")


def decline_booking(context, booking_id: str) -> Response:
    reason = context.request.form.get("reason", "").strip()
    return _decide(context, booking_id, "declineBooking", {"reason": reason} if reason else {},
                   "booking_declined")


def _decide(context, booking_id: str, route_name: str, data: dict, done: str) -> Response:
    form = context.request.form
    outcome = context.api(route_name, {"booking_id": booking_id, **data}, form.get("form_key", ""))
    back = form.get("back", "")
    if not back.startswith("/console/") or "//" in back or "\\" in back:
        back = "/console/facilities"
    if outcome.status in (409, 422):  # a clash with a confirmed booking, a missing reason
        found = context.api("getBooking", {"booking_id": booking_id})
        if found.status != 200:
            return context.outcome_error(outcome)
        errors = outcome.body.get("errors")
        problem = outcome.body.get("detail") if not errors else \
            " ".join(context.field_errors(errors, "reason")) or outcome.body.get("detail")
        return facility(context, found.body["facility_id"], problem=problem, status=outcome.status) \
            if "/rooms/" not in back else room(context, found.body["facility_id"],
                                              found.body["room_id"], problem=problem,
                                              status=outcome.status,
                                              week=parse_qs(urlsplit(back).query).get("week", [None])[0])
    if outcome.status != 200:
        return context.outcome_error(outcome)
    separator = "&" if "?" in back else "?"
    return context.redirect(f"{back}{separator}done={done}")


def _valid_date(text: str) -> str | None:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _moment(day: str, clock: str) -> str:
    """A date and a wall-clock time typed in the form, as a city-time ISO timestamp; what does
    not parse is sent as typed, so the API's message says what is wrong."""
    text = f"{day}T{clock}"
    try:
        return datetime.fromisoformat(text).replace(tzinfo=week_grid.CITY_TIME).isoformat()
    except ValueError:
        return text


def _booking_errors(errors: dict, values: dict) -> dict:
    """The API's fields (starts_at, ends_at) said beside the form's (start and date, end)."""
    shown = dict(errors)
    if "starts_at" in shown:
        shown["start"] = shown.pop("starts_at")
        if not values["date"]:
            shown["date"] = shown["start"]
    if "ends_at" in shown:
        shown["end"] = shown.pop("ends_at")
    return shown


def _booking_labels(context) -> dict:
    return {"booking_status_label": lambda code: label(BOOKING_STATUS_LABELS, code, context.lang),
            "local_time": lambda moment: week_grid.parse_moment(moment).strftime("%Y-%m-%d %H:%M")
            if moment else "",
            "local_clock": lambda moment: week_grid.parse_moment(moment).strftime("%H:%M")}


def _labels(context) -> dict:
    outcome = context.api("listVocabularies")
    regions = [(term["code"], term[context.lang]) for term in outcome.body.get("regions", [])] \
        if outcome.status == 200 else []
    names = dict(regions)
    return {"regions": regions, "region_label": lambda code: names.get(code, code or "")}
