"""Messages to recipients: the inbox rows and a delivery per usable channel, all in the event
handler's transaction (with its inbox row), none of them sent here.

The recipients' preferences decide each delivery's fate: sent at once, after their quiet
hours, held for a digest (by choice or over the daily cap), or not at all. A critical notice
goes at once and records which of those rules it went past.

Everything is looked up and written for all recipients together (a few statements per
thousand recipients, not several per recipient): one event can reach ten thousand people.
"""
import uuid
from collections import defaultdict
from datetime import datetime

from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.domain.delivery import (DIGEST, EMAIL, HELD, LINE, PENDING,
                                                    WEBHOOK, Delivery, delivery_id)
from services.notifications.domain.inbox_message import InboxMessage
from services.notifications.domain.preferences import IMMEDIATE, Plan, Preferences

# Not counted against the daily cap: the address's own confirmation, and digests.
NOT_CAPPED = ("email_confirmation", DIGEST)


def message_id(source_id: str, recipient_id: str) -> str:
    """Derived from event and recipient, so a replay cannot duplicate a message."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{source_id}/{recipient_id}"))


def messages_for(uow: NotificationsUnitOfWork, recipient_ids: list[str], event_type: str,
                 facts: dict, link: str, source_id: str, now: datetime) -> list[InboxMessage]:
    """One message per recipient in their language: rendered once per language, not per person."""
    languages = {r: p.language for r, p in uow.preferences.for_recipients(recipient_ids).items()}
    rendered: dict[str, tuple[str, str]] = {}
    messages = []
    for recipient_id in dict.fromkeys(recipient_ids):
        language = languages.get(recipient_id, "ja")
        if language not in rendered:
            rendered[language] = uow.templates.render(event_type, language, facts)
        title, body = rendered[language]
        messages.append(InboxMessage(message_id(source_id, recipient_id), recipient_id, source_id,
                                     title, body, link, now))
    return messages


def notify(uow: NotificationsUnitOfWork, message: InboxMessage, event_type: str,
           facts: dict, critical: bool = False) -> None:
    notify_all(uow, [message], event_type, facts, critical)


def notify_all(uow: NotificationsUnitOfWork, messages: list[InboxMessage], event_type: str,
               facts: dict, critical: bool = False) -> int:
    """Inbox rows for every message and their deliveries; how many deliveries were recorded."""
    uow.messages.add_many(messages)
    return record_deliveries(uow, messages, event_type, facts, critical)


def preferences_of(uow: NotificationsUnitOfWork, recipient_id: str) -> Preferences:
    return uow.preferences.get(recipient_id) or Preferences(recipient_id)


def record_deliveries(uow: NotificationsUnitOfWork, messages: list[InboxMessage], event_type: str,
                      facts: dict, critical: bool = False) -> int:
    """Deliveries for the recipients' confirmed e-mail addresses and LINE accounts and the
    webhook endpoints that want this event type, as their preferences plan them; how many
    were new."""
    recipients = [m.recipient_id for m in messages]
    addresses = uow.addresses.usable_for(recipients)
    endpoints = {owner: [e for e in found if e.wants(event_type)]
                 for owner, found in uow.webhook_endpoints.for_owners(recipients).items()}
    reached = [r for r in recipients if addresses.get(r) or endpoints.get(r)]
    stored = uow.preferences.for_recipients(reached)
    preferences = {r: stored.get(r) or Preferences(r) for r in reached}
    reached_by_address = [m for m in messages if addresses.get(m.recipient_id)]
    sent_today = {channel: _sent_today(uow, channel, reached_by_address, preferences)
                  for channel in (EMAIL, LINE)}
    batch = []
    for message in messages:
        recipient = message.recipient_id
        if recipient not in preferences:
            continue
        mine = preferences[recipient]
        for channel in (EMAIL, LINE):
            mine_here = [a for a in addresses.get(recipient, ()) if a.channel == channel]
            plan = mine_here and mine.plan(channel, message.created_at, critical,
                                           sent_today[channel].get(recipient, 0),
                                           uow.default_daily_cap)
            for address in mine_here if plan else ():
                batch.append(_delivery(message, channel, address.id, event_type, plan, critical,
                                       {"subject": message.title, "text": message.body,
                                        "link": message.link}))
        plan = mine.plan(WEBHOOK, message.created_at, critical, 0, uow.default_daily_cap)
        for endpoint in endpoints.get(recipient, ()) if plan else ():
            batch.append(_delivery(message, WEBHOOK, endpoint.id, event_type, plan, critical,
                                   webhook_body(event_type, message.created_at, {
                                       **facts, "title": message.title, "body": message.body,
                                       "link": message.link})))
    return uow.deliveries.add_many_new(batch)


def _sent_today(uow: NotificationsUnitOfWork, channel: str, messages: list[InboxMessage],
                preferences: dict[str, Preferences]) -> dict[str, int]:
    """Immediate messages on `channel` each recipient has had since their own local midnight:
    one query per distinct day start (recipients share a few time zones)."""
    by_day_start: dict[datetime, list[str]] = defaultdict(list)
    for message in messages:
        mine = preferences[message.recipient_id]
        if mine.mode(channel) == IMMEDIATE:
            by_day_start[mine.local_day_start(message.created_at)].append(message.recipient_id)
    counts: dict[str, int] = {}
    for since, recipients in by_day_start.items():
        counts.update(uow.deliveries.count_immediate_since(recipients, channel, since, NOT_CAPPED))
    return counts


def webhook_body(event_type: str, now: datetime, data: dict) -> dict:
    """Standard Webhooks' recommended payload shape: type, timestamp, data."""
    return {"type": event_type, "timestamp": now.isoformat(), "data": data}


def _delivery(message: InboxMessage, channel: str, target_id: str, event_type: str,
              plan: Plan, critical: bool, content: dict) -> Delivery:
    now = message.created_at
    return Delivery(id=delivery_id(message.source_event_id, channel, target_id),
                    recipient_id=message.recipient_id, channel=channel, target_id=target_id,
                    source_id=message.source_event_id, kind=event_type, content=content,
                    created_at=now, next_attempt_at=plan.send_at or plan.digest_due_at,
                    status=PENDING if plan.send_at else HELD, critical=critical,
                    digest_period=plan.digest_period, digest_due_at=plan.digest_due_at,
                    bypassed=",".join(plan.bypassed) or None)
