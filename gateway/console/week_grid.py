"""A room's week as a grid: seven days (Monday first) by the hours the room is open, in the
city's time. Pure: it takes the bookings and free intervals the API answered and says, per hour
cell, which bookings touch it and whether the hour is free. No framework, no I/O."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

CITY_TIME = ZoneInfo("Asia/Tokyo")
DAYS = 7
FREE, PARTLY_FREE, NOT_FREE = "free", "partly", "none"


@dataclass(frozen=True)
class Span:
    """A booking (or anything with a start and an end) in the week; `item` is what the API said."""
    starts_at: datetime
    ends_at: datetime
    item: dict


@dataclass(frozen=True)
class Placed:
    span: Span
    first: bool  # the booking starts in this cell (or the week starts mid-booking): say it here


@dataclass(frozen=True)
class Cell:
    day: date
    hour: int
    bookings: tuple[Placed, ...]
    free: str  # FREE (the whole hour), PARTLY_FREE, NOT_FREE

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.day, time(self.hour), CITY_TIME)


@dataclass(frozen=True)
class WeekGrid:
    monday: date
    days: tuple[date, ...]
    hours: tuple[int, ...]
    rows: tuple[tuple[Cell, ...], ...]  # one per hour, a cell per day

    @property
    def previous_week(self) -> date:
        return self.monday - timedelta(days=DAYS)

    @property
    def next_week(self) -> date:
        return self.monday + timedelta(days=DAYS)

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.monday, time.min, CITY_TIME)

    @property
    def ends_at(self) -> datetime:
        return datetime.combine(self.next_week, time.min, CITY_TIME)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def opening_hours(opens: str, closes: str) -> tuple[int, int]:
    """'09:00', '21:30' -> (9, 22): the first hour shown and the hour after the last."""
    first = int(opens.split(":")[0])
    close_hour, close_minute = (int(part) for part in closes.split(":"))
    return first, close_hour + (1 if close_minute else 0)


def parse_moment(text: str) -> datetime:
    """An API timestamp (ISO 8601 with offset) as the city's time."""
    return datetime.fromisoformat(text).astimezone(CITY_TIME)


def week_grid(monday: date, hours: tuple[int, int], bookings: list[Span],
              free: list[tuple[datetime, datetime]]) -> WeekGrid:
    """The grid of the week starting `monday` (any day is taken back to its Monday), hours
    `hours[0]` to `hours[1]` (exclusive), widened to show any booking outside them."""
    monday = monday_of(monday)
    days = tuple(monday + timedelta(days=offset) for offset in range(DAYS))
    week_start = datetime.combine(monday, time.min, CITY_TIME)
    week_end = week_start + timedelta(days=DAYS)
    in_week = sorted((span for span in bookings
                      if span.starts_at < week_end and span.ends_at > week_start),
                     key=lambda span: (span.starts_at, span.ends_at))
    shown = set(range(*hours))
    for span in in_week:  # a booking outside the opening hours is still shown
        shown.update(_hours_touched(max(span.starts_at, week_start), min(span.ends_at, week_end)))
    hour_range = tuple(range(min(shown), max(shown) + 1)) if shown else ()
    rows = tuple(tuple(_cell(day, hour, hour_range[0], in_week, free) for day in days)
                 for hour in hour_range)
    return WeekGrid(monday, days, hour_range, rows)


def _hours_touched(start: datetime, end: datetime) -> set[int]:
    """The hours of the day (0–23, city time) that the interval overlaps."""
    touched, cursor = set(), start.astimezone(CITY_TIME).replace(minute=0, second=0, microsecond=0)
    while cursor < end:
        touched.add(cursor.hour)
        cursor += timedelta(hours=1)
    return touched


def _cell(day: date, hour: int, first_hour: int, bookings: list[Span],
          free: list[tuple[datetime, datetime]]) -> Cell:
    start = datetime.combine(day, time(hour), CITY_TIME)
    end = start + timedelta(hours=1)
    # A booking is named where it starts, and again at the top of a day it runs into.
    placed = tuple(Placed(span, first=span.starts_at >= start or hour == first_hour)
                   for span in bookings if span.starts_at < end and span.ends_at > start)
    covered = sum(((min(to, end) - max(since, start)).total_seconds()
                   for since, to in free if since < end and to > start), 0.0)
    state = FREE if covered >= 3600 else PARTLY_FREE if covered > 0 else NOT_FREE
    return Cell(day, hour, placed, state)
