"""In-app messages and the subscriptions that decide who gets one."""
from dataclasses import dataclass
from datetime import datetime

from services.notifications.domain.subscription_defaults import defaults_for


@dataclass(frozen=True)
class Subscription:
    """A recipient hears about needs in any of these regions or fields, about whatever the
    organisations they follow post, and only about these event types (None: their role's
    defaults)."""
    recipient_id: str
    regions: frozenset[str]
    fields: frozenset[str]
    organisations: frozenset[str] = frozenset()
    event_types: frozenset[str] | None = None

    def covers(self, region: str, fields: list[str]) -> bool:
        return region in self.regions or bool(self.fields.intersection(fields))

    @property
    def hears(self) -> frozenset[str]:
        return defaults_for(self.recipient_id) if self.event_types is None else self.event_types

    @property
    def uses_defaults(self) -> bool:
        return self.event_types is None


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
