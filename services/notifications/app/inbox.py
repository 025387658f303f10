"""Notification use cases: subscribe, read the inbox, turn events into messages."""
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.pagination import Page, page_of
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.domain import match_messages
from services.notifications.domain.inbox_message import InboxMessage, Subscription, need_posted_message


@dataclass(frozen=True)
class InboxQuery:
    after: list | None = None
    limit: int = 50


def subscribe(uow: NotificationsUnitOfWork, actor: Actor, regions: list[str],
              fields: list[str]) -> Subscription:
    subscription = Subscription(actor.recipient_id, frozenset(regions), frozenset(fields))
    with uow:
        uow.subscriptions.replace(subscription)
        uow.commit()
    return subscription


def get_subscription(uow: NotificationsUnitOfWork, actor: Actor) -> Subscription:
    with uow:
        found = uow.subscriptions.get(actor.recipient_id)
    return found or Subscription(actor.recipient_id, frozenset(), frozenset())


def read_inbox(uow: NotificationsUnitOfWork, actor: Actor, query: InboxQuery) -> Page:
    with uow:
        found = uow.messages.for_recipient(actor.recipient_id, query.after, query.limit)
    return page_of(found, query.limit, lambda m: [m.created_at.isoformat(), m.id])


def on_need_posted(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    now = datetime.now(timezone.utc)
    for recipient_id in uow.subscriptions.recipients_for(payload["region"], payload["fields"]):
        uow.messages.add(need_posted_message(
            message_id=_message_id(event_id, recipient_id), recipient_id=recipient_id,
            source_event_id=event_id, need=payload,
            place=uow.place_names.get(payload["region"], payload["region"]), now=now))


def message_for_parties(event_type: str):
    """A matching talent/match event becomes one message per party (talent, organisation)."""
    def handler(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
        now = datetime.now(timezone.utc)
        title, body, link = match_messages.render(event_type, payload)
        for recipient_id in match_messages.recipients(match_messages.TEMPLATES[event_type], payload):
            uow.messages.add(InboxMessage(id=_message_id(event_id, recipient_id),
                                          recipient_id=recipient_id, source_event_id=event_id,
                                          title=title, body=body, link=link, created_at=now))
    return handler


def _message_id(event_id: str, recipient_id: str) -> str:
    """Derived from event and recipient, so a replay cannot duplicate a message."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{event_id}/{recipient_id}"))
