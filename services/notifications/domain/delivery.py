"""A delivery: one message to one address over one channel, recorded pending by an event
handler and sent later by the sender, outside the handler's transaction.

Its id derives from (event, channel, address), so a redelivered or replayed event records the
same delivery again and the table's key refuses it: no second e-mail, no second webhook.
"""
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from services.notifications.domain.delivery_events import DeliveryDelivered, DeliveryFailed

EMAIL, WEBHOOK, LINE = "email", "webhook", "line"
CHANNELS = (EMAIL, WEBHOOK, LINE)

PENDING, SENT, FAILED = "pending", "sent", "failed"
# Waiting for its digest; then part of one (the digest is a delivery of its own).
HELD, DIGESTED = "held", "digested"
DIGEST = "digest"  # the kind of a digest delivery

# Standard Webhooks' recommended schedule (after the first try): about 28 hours in all, so an
# endpoint down for most of a day still gets every message.
RETRY_DELAYS = (timedelta(seconds=5), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2), timedelta(hours=5), timedelta(hours=10), timedelta(hours=10))
JITTER = 0.2  # ±20 %: endpoints that failed together do not all come back at the same second
# A claimed delivery whose sender died is picked up again after this.
CLAIM_LEASE = timedelta(minutes=2)


def delivery_id(source_id: str, channel: str, target_id: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"delivery/{source_id}/{channel}/{target_id}"))


def retry_delay(failed_attempts: int, rand: random.Random | None = None) -> timedelta | None:
    """The wait after the `failed_attempts`-th failure, or None when retries are exhausted."""
    if failed_attempts > len(RETRY_DELAYS):
        return None
    base = RETRY_DELAYS[failed_attempts - 1]
    spread = (rand or random).uniform(-JITTER, JITTER)
    return base * (1 + spread)


@dataclass
class Delivery:
    id: str
    recipient_id: str
    channel: str
    target_id: str  # the e-mail address's id or the webhook endpoint's id
    source_id: str  # the event (or confirmation) it comes from
    kind: str  # the event type, or "email_confirmation", "endpoint_disabled"
    content: dict  # what is sent: subject/text/link for e-mail, the JSON body for a webhook
    created_at: datetime
    next_attempt_at: datetime
    status: str = PENDING
    attempts: int = 0
    last_error: str | None = None
    finished_at: datetime | None = None
    critical: bool = False
    digest_period: str | None = None  # set while held: which digest it goes into
    digest_due_at: datetime | None = None
    bypassed: str | None = None  # a critical notice: the rules it went past ("quiet_hours,…")
    events: list = field(default_factory=list, repr=False, compare=False)

    def digested(self) -> None:
        self.status = DIGESTED

    def postpone_to(self, period: str, due_at: datetime) -> None:
        """A late arrival for a digest already built goes into the next one, never nowhere."""
        self.digest_period, self.digest_due_at = period, due_at

    def succeeded(self, now: datetime) -> None:
        self.attempts += 1
        self.status, self.finished_at, self.last_error = SENT, now, None
        self.events.append(DeliveryDelivered(**self._outcome_facts()))

    def failed(self, now: datetime, error: str, permanent: bool,
               rand: random.Random | None = None) -> None:
        """Schedules the next try, or gives up when the failure is permanent or retries ran out."""
        self.attempts += 1
        self.last_error = error[:1000]
        delay = None if permanent else retry_delay(self.attempts, rand)
        if delay is None:
            self.status, self.finished_at = FAILED, now
            self.events.append(DeliveryFailed(**self._outcome_facts()))
        else:
            self.next_attempt_at = now + delay

    def _outcome_facts(self) -> dict:
        return {"delivery_id": self.id, "source_id": self.source_id, "channel": self.channel,
                "kind": self.kind, "attempts": self.attempts,
                "finished_at": self.finished_at.isoformat()}

    def replay(self, now: datetime) -> None:
        """Send it again (same webhook-id: receivers deduplicate on it)."""
        self.status, self.finished_at, self.next_attempt_at = PENDING, None, now


@dataclass(frozen=True)
class Attempt:
    """One try at sending a delivery, as its owner sees it in the attempt log."""
    delivery_id: str
    attempted_at: datetime
    outcome: str  # sent | failed
    latency_ms: int
    status_code: int | None = None
    error: str | None = None


class SendFailed(Exception):
    """A channel could not send. `permanent`: retrying cannot help (a 4xx, a refused address)."""

    def __init__(self, message: str, permanent: bool = False, status_code: int | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.status_code = status_code
