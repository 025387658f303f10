"""In-app messages and the subscriptions that decide who gets one."""
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Subscription:
    """A recipient hears about needs in any of these regions or fields."""
    recipient_id: str
    regions: frozenset[str]
    fields: frozenset[str]

    def covers(self, region: str, fields: list[str]) -> bool:
        return region in self.regions or bool(self.fields.intersection(fields))


@dataclass
class InboxMessage:
    id: str
    recipient_id: str
    source_event_id: str
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None = None

    def mark_read(self, now: datetime) -> None:
        """The recipient's own 「確認しました」: the first read counts."""
        self.read_at = self.read_at or now
