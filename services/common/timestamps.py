"""SQLite hands datetimes back without a zone; everything we store is UTC."""
from datetime import datetime, timezone


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value
