"""What reached people: notifications' final delivery outcomes, counted per day (Japan time, the
day the city's staff read), channel and kind."""
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

JAPAN = ZoneInfo("Asia/Tokyo")
DELIVERED, FAILED = "delivered", "failed"
MAX_RANGE_DAYS = 366


@dataclass(frozen=True)
class DeliveryOutcome:
    """The latest final outcome of one delivery (a replayed one may end differently)."""
    delivery_id: str
    channel: str
    kind: str
    outcome: str  # delivered | failed
    day: date
    attempts: int


@dataclass(frozen=True)
class DeliveryCount:
    day: date
    channel: str
    kind: str
    delivered: int
    failed: int


def outcome_of(payload: dict, outcome: str) -> DeliveryOutcome:
    finished_at: datetime = payload["finished_at"]
    return DeliveryOutcome(payload["delivery_id"], payload["channel"], payload["kind"], outcome,
                           finished_at.astimezone(JAPAN).date(), payload["attempts"])
