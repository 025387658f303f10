"""The city's calendar for operators' figures: its fiscal year (April to March) and the
bounds of one of its days (Asia/Tokyo), whatever the server's own time zone."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

CITY_TIME = ZoneInfo("Asia/Tokyo")
FISCAL_YEAR_STARTS = 4  # April


def fiscal_year(day: date) -> int:
    """Japan's fiscal year a day belongs to, named by the year it starts in (2026 = 2026-04-01
    to 2027-03-31)."""
    return day.year if day.month >= FISCAL_YEAR_STARTS else day.year - 1


def city_today(now: datetime) -> date:
    return now.astimezone(CITY_TIME).date()


def city_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The day's first and next day's first instant in the city, as UTC."""
    start = datetime.combine(day, time(0), CITY_TIME)
    return start.astimezone(timezone.utc), (start + timedelta(days=1)).astimezone(timezone.utc)
