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


@dataclass(frozen=True)
class InboxMessage:
    id: str
    recipient_id: str
    source_event_id: str
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None = None


def need_posted_message(*, message_id: str, recipient_id: str, source_event_id: str,
                        need: dict, place: str, now: datetime) -> InboxMessage:
    """Japanese first, English after, as every text shown to people."""
    return InboxMessage(
        id=message_id, recipient_id=recipient_id, source_event_id=source_event_id,
        title=f"新しい募集: {need['title']} / New opportunity",
        body=(f"{place}で{need['slots']}名の募集があります。"
              f" / {need['slots']} place(s) open in {place} ({need['region']})."),
        link=f"/api/v1/needs?organisation_id={need['organisation_id']}", created_at=now)
