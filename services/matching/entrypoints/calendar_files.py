"""Gatherings as iCalendar (RFC 5545) files: one per gathering, and a person's own calendar.

One VEVENT per occurrence, each with a UID stable across downloads so calendar apps update
rather than duplicate; the online link appears only where the service released it.
"""
from datetime import datetime, timezone

from icalendar import Calendar, Event

PRODUCT = "-//Kyodo//gatherings//JA"
UID_DOMAIN = "kyodo.example.jp"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _events(view, status_note: str = "") -> list[Event]:
    gathering, found = view.gathering, []
    for number, occurrence in enumerate(gathering.occurrences, start=1):
        event = Event()
        event.add("uid", f"{gathering.id}-{number}@{UID_DOMAIN}")
        event.add("dtstamp", datetime.now(timezone.utc))
        # In UTC ("Z"): icalendar writes a fixed-offset time such as +09:00 as floating local time.
        event.add("dtstart", occurrence.starts_at.astimezone(timezone.utc))
        event.add("dtend", occurrence.ends_at.astimezone(timezone.utc))
        suffix = f"（{number}/{len(gathering.occurrences)}）" if len(gathering.occurrences) > 1 else ""
        event.add("summary", f"{gathering.title}{suffix}{status_note}")
        event.add("description", gathering.description)
        event.add("status", "CONFIRMED" if gathering.status == "scheduled" else "TENTATIVE")
        if gathering.online and view.link_released:
            event.add("url", gathering.online_url)
            event.add("location", gathering.online_url)
        found.append(event)
    return found


def gathering_calendar(view) -> bytes:
    calendar = _calendar(view.gathering.title)
    for event in _events(view):
        calendar.add_component(event)
    return calendar.to_ical()


def personal_calendar(entries) -> bytes:
    """`entries`: (view, sign-up) pairs; waiting ones are marked so in their summary."""
    calendar = _calendar("申し込んだ催し / My gatherings")
    for view, sign_up in entries:
        note = "" if sign_up.status == "confirmed" else f"［{_WAITING.get(sign_up.status, sign_up.status)}］"
        for event in _events(view, note):
            calendar.add_component(event)
    return calendar.to_ical()


_WAITING = {"waitlisted": "キャンセル待ち / waitlisted", "offered": "要確認 / confirm your place"}
