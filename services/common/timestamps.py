"""SQLite hands datetimes back without a zone, and keeps only the wall clock of an aware one it
is given; everything we store is UTC."""
from datetime import datetime, timezone


def as_utc(value: datetime) -> datetime:
    """A datetime read back from the store, with its UTC zone."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def to_utc(value):
    """A value on its way to the store: an aware datetime in UTC (a +09:00 time kept as its wall
    clock would read back nine hours late); anything else unchanged."""
    return value.astimezone(timezone.utc) if isinstance(value, datetime) and value.tzinfo else value
