"""Notification use cases: read the inbox, turn events into messages."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import NotFound
from services.common.pagination import Page, page_of
from services.notifications.app import announcements, circulars
from services.notifications.app.fan_out import messages_for, notify_all
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.app.subscriptions import hearing
from services.notifications.domain import match_messages
from services.notifications.domain.inbox_message import InboxMessage
from services.notifications.domain.subscription_defaults import OFFER_POSTED


@dataclass(frozen=True)
class InboxQuery:
    after: list | None = None
    limit: int = 50


@dataclass(frozen=True)
class InboxPage:
    items: list[InboxMessage]
    next_cursor: str | None
    unread: int


def read_inbox(uow: NotificationsUnitOfWork, actor: Actor, query: InboxQuery) -> InboxPage:
    """Newest first, with how many are still unread."""
    with uow:
        found = uow.messages.for_recipient(actor.recipient_id, query.after, query.limit)
        unread = uow.messages.unread_count(actor.recipient_id)
    page: Page = page_of(found, query.limit, lambda m: [m.created_at.isoformat(), m.id])
    return InboxPage(page.items, page.next_cursor, unread)


def mark_read(uow: NotificationsUnitOfWork, actor: Actor, message_id_: str,
              now: datetime | None = None) -> InboxMessage:
    with uow:
        message = uow.messages.get(message_id_)
        # Someone else's message is answered as missing: its existence is not theirs to know.
        if message is None or message.recipient_id != actor.recipient_id:
            raise NotFound("メッセージが見つかりません / no such message")
        now = now or datetime.now(timezone.utc)
        message.mark_read(now)
        uow.messages.save(message)
        circulars.note_inbox_read(uow, message, now)
        uow.commit()
    return message


def mark_all_read(uow: NotificationsUnitOfWork, actor: Actor, now: datetime | None = None) -> int:
    now = now or datetime.now(timezone.utc)
    with uow:
        marked = uow.messages.mark_all_read(actor.recipient_id, now)
        circulars.note_all_read(uow, actor.recipient_id, now)
        uow.commit()
    return marked


def on_need_posted(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    now = datetime.now(timezone.utc)
    facts = {**payload, "place": uow.place_names.get(payload["region"], payload["region"])}
    recipients = hearing(uow, uow.subscriptions.recipients_for(payload["region"], payload["fields"])
                         + uow.subscriptions.followers_of(payload["organisation_id"]),
                         "matching.need_posted")
    notify_all(uow, messages_for(uow, recipients, "matching.need_posted", facts,
                                 f"/api/v1/needs?organisation_id={payload['organisation_id']}",
                                 event_id, now),
               "matching.need_posted", payload)
    announcements.on_need_posted_for_feed(uow, event_id, payload, now)


def message_for_parties(event_type: str):
    """A matching talent/match/offer event becomes one message per party (talent, organisation,
    partner) and, for a new offer, per follower of its partner: whoever of them hears this type."""
    def handler(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
        recipients = match_messages.recipients(event_type, payload)
        if event_type == OFFER_POSTED:
            recipients += uow.subscriptions.followers_of(payload["organisation_id"])
        notify_all(uow, messages_for(uow, hearing(uow, recipients, event_type),
                                     event_type, match_messages.facts(payload),
                                     match_messages.link(payload), event_id,
                                     datetime.now(timezone.utc)),
                   event_type, payload)
    return handler
