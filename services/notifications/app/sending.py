"""The sender: claim due deliveries, send each outside any transaction, record the outcome.

A claim moves the delivery's next attempt past a lease with a conditional update, so two
senders never take the same delivery and one that dies mid-send leaves it to be retried.
"""
import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from services.notifications.app.contact_addresses import CONFIRMATION, unsubscribe_url
from services.notifications.app.fan_out import messages_for, notify_all
from services.notifications.app.ports import (Channels, Links, NotificationsUnitOfWork,
                                              OutgoingEmail, OutgoingLine)
from services.notifications.domain import account_emails, signed_tokens, webhook_signing
from services.notifications.domain.delivery import (CLAIM_LEASE, DIGEST, EMAIL, FAILED, LINE,
                                                    PENDING, WEBHOOK, Attempt, Delivery,
                                                    SendFailed)
from services.notifications.domain.webhook_endpoint import ACTIVE

Clock = Callable[[], datetime]
GONE = 410
DISABLED_EVENT = "notifications.endpoint_disabled"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def claim_due(uow: NotificationsUnitOfWork, limit: int, clock: Clock = utc_now) -> list[Delivery]:
    """Each returned delivery's next_attempt_at is its claim (see `send`'s claimed_until)."""
    now = clock()
    until = now + CLAIM_LEASE
    claimed = []
    with uow:
        for delivery in uow.deliveries.due(now, limit):
            if uow.deliveries.claim(delivery.id, delivery.next_attempt_at, until):
                delivery.next_attempt_at = until
                claimed.append(delivery)
        uow.commit()
    return claimed


@dataclass(frozen=True)
class Job:
    """A claimed delivery and what goes out for it (None: its address or endpoint is gone)."""
    delivery: Delivery  # next_attempt_at holds the claim
    outgoing: object | None  # OutgoingEmail, or (url, headers, body) for a webhook


@dataclass(frozen=True)
class Outcome:
    delivery_id: str
    claimed_until: datetime
    failure: SendFailed | None
    status_code: int | None
    latency_ms: int


def prepare(uow: NotificationsUnitOfWork, links: Links, claimed: list[Delivery],
            clock: Clock = utc_now) -> list[Job]:
    """What to send for each claimed delivery still ours, in one read transaction.

    A delivery re-claimed by another sender since (our lease ran out) is theirs now.
    """
    now = clock()
    jobs = []
    with uow:
        for claim in claimed:
            delivery = uow.deliveries.get(claim.id)
            if delivery is None or delivery.status != PENDING or \
                    delivery.next_attempt_at != claim.next_attempt_at:
                continue
            prepare_for = {EMAIL: _prepare_email, LINE: _prepare_line}.get(delivery.channel)
            jobs.append(Job(delivery, prepare_for(uow, delivery, links) if prepare_for
                            else _prepare_webhook(uow, delivery, now)))
    return jobs


def transmit(channels: Channels, job: Job) -> Outcome:
    """Send it; no database here, so a slow server holds no transaction open."""
    started = time.monotonic()
    status_code, failure = None, None
    try:
        if job.outgoing is None:
            raise SendFailed("宛先が使えません / the address or endpoint is no longer usable",
                             permanent=True)
        if job.delivery.channel == EMAIL:
            channels.email.send(job.outgoing)
        elif job.delivery.channel == LINE:
            channels.line.push(job.outgoing)
        else:
            status_code = channels.webhook.post(*job.outgoing)
    except SendFailed as exc:
        failure, status_code = exc, exc.status_code
    return Outcome(job.delivery.id, job.delivery.next_attempt_at, failure, status_code,
                   round((time.monotonic() - started) * 1000))


def record(uow: NotificationsUnitOfWork, outcomes: list[Outcome], clock: Clock = utc_now,
           rand: random.Random | None = None) -> list[str | None]:
    """Each outcome's resulting status, written in one transaction for the batch."""
    now = clock()
    with uow:
        statuses = [_record_one(uow, outcome, now, rand) for outcome in outcomes]
        uow.commit()
    return statuses


def send(uow: NotificationsUnitOfWork, channels: Channels, links: Links, delivery_id: str,
         claimed_until: datetime | None = None, clock: Clock = utc_now,
         rand: random.Random | None = None) -> str | None:
    """Prepare, transmit and record one delivery; its status afterwards (None: not ours)."""
    with uow:
        found = uow.deliveries.get(delivery_id)
    if found is None:
        return None
    if claimed_until is not None:
        found.next_attempt_at = claimed_until
    jobs = prepare(uow, links, [found], clock)
    if not jobs:
        return None
    return record(uow, [transmit(channels, jobs[0])], clock, rand)[0]


def _prepare_email(uow, delivery: Delivery, links: Links) -> OutgoingEmail | None:
    if delivery.kind == account_emails.ACCOUNT_EMAIL:
        return _account_email(delivery, links)
    address = uow.addresses.get(delivery.target_id)
    if address is None or address.unsubscribed_at is not None:
        return None
    if delivery.kind == CONFIRMATION:
        code = signed_tokens.confirmation_code(links.signing_key, address.id, address.address)
        return OutgoingEmail(
            to=address.address, subject="メールアドレスの確認 / Confirm your e-mail address",
            text=(f"確認コード: {code}\nこのコードを入力すると、このアドレスにお知らせが届くようになります。"
                  f"\n\nYour confirmation code: {code}\nEnter it to start receiving notices here."
                  f"\n\n心当たりがない場合は、このメールを無視してください。 / If you did not ask for "
                  f"this, ignore this message."),
            link=None, unsubscribe_url=None, message_id=delivery.id)
    if not address.usable:
        return None
    link = delivery.content.get("link")
    return OutgoingEmail(to=address.address, subject=delivery.content["subject"],
                         text=_digest_text(delivery.content["items"], links)
                         if delivery.kind == DIGEST else delivery.content["text"],
                         link=f"{links.public_url}{link}" if link else None,
                         unsubscribe_url=unsubscribe_url(links, address.id), message_id=delivery.id)


def _account_email(delivery: Delivery, links: Links) -> OutgoingEmail | None:
    """To the account's own address, with its link; no unsubscribe (it is not a notice)."""
    message = account_emails.message_of(delivery)
    if message is None:
        return None
    return OutgoingEmail(to=delivery.content["to"], subject=message.subject, text=message.text,
                         link=f"{links.public_url}{delivery.content['link']}",
                         unsubscribe_url=None, message_id=delivery.id)


def _prepare_line(uow, delivery: Delivery, links: Links) -> OutgoingLine | None:
    """LINE has no HTML and no unsubscribe header: the text, the link, and a way to stop."""
    address = uow.addresses.get(delivery.target_id)
    if address is None or address.unsubscribed_at is not None:
        return None
    if delivery.kind == CONFIRMATION:
        code = signed_tokens.confirmation_code(links.signing_key, address.id, address.address)
        return OutgoingLine(address.address, f"確認コード: {code}\nKyodo の通知を LINE で受け取るには、"
                                             f"このコードを入力してください。 / Your confirmation code: "
                                             f"{code}", delivery.id)
    if not address.usable:
        return None
    content = delivery.content
    text = (f"{content['subject']}\n{_digest_text(content['items'], links)}"
            if delivery.kind == DIGEST else f"{content['subject']}\n\n{content['text']}")
    if content.get("link"):
        text += f"\n{links.public_url}{content['link']}"
    # LINE's limit is 5,000 characters a text message.
    return OutgoingLine(address.address, text[:5000], delivery.id)


def _digest_text(items: list[dict], links: Links) -> str:
    return "\n".join(f"・{item['subject']}"
                     + (f"\n  {links.public_url}{item['link']}" if item.get("link") else "")
                     for item in items)


def _prepare_webhook(uow, delivery: Delivery, now: datetime):
    endpoint = uow.webhook_endpoints.get(delivery.target_id)
    if endpoint is None or endpoint.status != ACTIVE:
        return None
    body = json.dumps(delivery.content, ensure_ascii=False, separators=(",", ":")).encode()
    headers = webhook_signing.headers(endpoint.active_secrets(now), webhook_message_id(delivery),
                                      int(now.timestamp()), body)
    return endpoint.url, headers, body


def webhook_message_id(delivery: Delivery) -> str:
    """The same on every retry and replay, so receivers can drop what they already have."""
    return "msg_" + delivery.id.replace("-", "")


def _record_one(uow: NotificationsUnitOfWork, outcome: Outcome, now: datetime,
                rand: random.Random | None) -> str | None:
    delivery = uow.deliveries.get(outcome.delivery_id)
    if delivery is None or delivery.status != PENDING or \
            delivery.next_attempt_at != outcome.claimed_until:
        return None
    failure, status_code = outcome.failure, outcome.status_code
    if failure is None:
        delivery.succeeded(now)
    else:
        delivery.failed(now, str(failure), failure.permanent or status_code == GONE, rand)
    account_emails.forget_secret(delivery)
    uow.deliveries.save(delivery)
    uow.deliveries.add_attempt(Attempt(
        delivery.id, now, "sent" if failure is None else "failed", outcome.latency_ms,
        status_code, None if failure is None else str(failure)[:1000]))
    if delivery.channel == WEBHOOK and failure is not None and \
            (status_code == GONE or delivery.status == FAILED):
        _disable_endpoint(uow, delivery.target_id, status_code, now)
    return delivery.status


def _disable_endpoint(uow: NotificationsUnitOfWork, endpoint_id: str, status_code: int | None,
                      now: datetime) -> None:
    """Stop sending to an endpoint that is gone or kept failing for a day, and tell its owner
    (in the inbox and by e-mail; not by the endpoint that just failed)."""
    endpoint = uow.webhook_endpoints.get(endpoint_id)
    if endpoint is None:
        return
    reason = ("410 Gone" if status_code == GONE
              else f"再試行をすべて失敗 / every retry failed (last: {status_code or 'no answer'})")
    if not endpoint.disable(reason, now):
        return
    uow.webhook_endpoints.save(endpoint)
    source = str(uuid.uuid5(uuid.NAMESPACE_URL, f"endpoint-disabled/{endpoint.id}/{now.isoformat()}"))
    notify_all(uow, messages_for(uow, [endpoint.owner_id], DISABLED_EVENT,
                                 {"url": endpoint.url, "reason": endpoint.disabled_reason},
                                 f"/api/v1/webhook-endpoints/{endpoint.id}", source, now),
               DISABLED_EVENT, {"endpoint_id": endpoint.id})
