"""Nameko entrypoints that consume events without ever dropping one.

nameko's own event handler acks and forgets a message whose handler raised. Here a failure is
re-published (confirmed) to a delay queue and comes back after a backoff; after MAX_ATTEMPTS,
or at once if the message cannot be parsed, it is parked on the service's dead-letter queue
with the error. Only then is the original acked. A crash before the ack redelivers it; the
quorum queue's delivery limit parks a message that keeps crashing the consumer.

`consume_event_batches` takes events in batches: a prefetch window on a channel of its own,
one worker (one transaction, one inbox write) per batch, and one ack with `multiple` after the
commit. A batch that fails is applied again one event at a time, so only the poisoned event is
retried or parked.
"""
import json
import logging
import os
import traceback
from collections import deque
from functools import partial

from nameko.exceptions import ContainerBeingKilled
from nameko.messaging import Consumer

from services.common.dead_letters import DeadLetter
from services.common.direct_publisher import DirectPublisher
from services.common.errors import ValidationFailed
from services.common.event_contracts import EventCatalogue
from services.common.metrics import EVENTS_CONSUMED, EVENTS_FAILED, EVENTS_PARKED, EVENTS_RETRIED
from services.common.nameko_queue_consumer import ReadAheadQueueConsumer, StartSafeQueueConsumer
from services.common.tracing import TRACE_KEYS
from services.common.topology import MAX_ATTEMPTS, RETRY_DELAYS_MS, Subscription, dead_queue, events_queue

log = logging.getLogger(__name__)

ATTEMPTS_HEADER = "x-kyodo-attempts"
ERROR_HEADER = "x-kyodo-error"
# Messages the broker may hand a batch consumer before it acks: enough to fill the next batch
# while one commits.
EVENT_PREFETCH = int(os.environ.get("KYODO_EVENT_PREFETCH", "256"))
# Events per transaction at most; a batch is whatever arrived while the previous one committed.
EVENT_BATCH_SIZE = int(os.environ.get("KYODO_EVENT_BATCH_SIZE", "128"))


def _subscription(consumer: Consumer, event_types=()) -> Subscription:
    return Subscription(consumer.container.service_name, frozenset(event_types))


class EventsConsumer(Consumer):
    """Calls the decorated method with (envelope, payload) loaded through the catalogue."""

    queue_consumer = StartSafeQueueConsumer()

    def __init__(self, catalogue: EventCatalogue, **kwargs):
        self.catalogue = catalogue
        super().__init__(queue=None, **kwargs)

    def setup(self):
        self.subscription = _subscription(self, self.catalogue.types())
        self.queue = events_queue(self.subscription)
        self.publisher = DirectPublisher(self.container.config["AMQP_URI"])
        super().setup()

    def handle_message(self, body, message):
        try:
            envelope, payload = self.catalogue.load_incoming(_as_dict(body))
        except ValidationFailed as exc:
            self._give_up(message, f"{exc}: {exc.fields}", attempts=_attempts(message) + 1)
            return
        _spawn(self, message, (envelope, payload), {"correlation_id": envelope["correlation_id"],
                                                    **_trace_headers(message)})

    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        if exc_info is None:
            self.queue_consumer.ack_message(message)
            EVENTS_CONSUMED.labels(self.subscription.service).inc()
            return result, exc_info
        EVENTS_FAILED.labels(self.subscription.service).inc()
        error = _error_text(exc_info)
        attempts = _attempts(message) + 1
        if attempts >= MAX_ATTEMPTS:
            self._give_up(message, error, attempts)
        else:
            self._retry_later(message, error, attempts)
        return result, exc_info

    def _retry_later(self, message, error: str, attempts: int) -> None:
        EVENTS_RETRIED.labels(self.subscription.service).inc()
        delay_ms = RETRY_DELAYS_MS[attempts - 1]
        log.warning("event handling failed; retrying", extra={
            "message_id": message.properties.get("message_id"), "attempts": attempts,
            "retry_in_ms": delay_ms, "error": error})
        self._forward(message, self.subscription.retry_queue_name(delay_ms), error, attempts)

    def _give_up(self, message, error: str, attempts: int) -> None:
        EVENTS_PARKED.labels(self.subscription.service).inc()
        log.error("event parked as dead letter", extra={
            "message_id": message.properties.get("message_id"), "attempts": attempts,
            "error": error})
        self._forward(message, self.subscription.dead_queue_name, error, attempts)

    def _forward(self, message, queue_name: str, error: str, attempts: int) -> None:
        headers = {**(message.headers or {}), ATTEMPTS_HEADER: attempts, ERROR_HEADER: error[:2000]}
        headers.pop("x-death", None)
        try:
            self.publisher.to_queue(queue_name, message.body,
                                    message_id=message.properties.get("message_id"),
                                    content_type=message.content_type or "application/json",
                                    headers=headers)
        except Exception:
            log.exception("could not forward a failed event; returning it to its queue")
            self.queue_consumer.requeue_message(message)
            return
        self.queue_consumer.ack_message(message)


class EventsQueueConsumer(ReadAheadQueueConsumer):
    """A connection and channel for event batches alone: its prefetch is not nameko's worker
    count, and an ack with `multiple` can never cover an RPC or dead-letter message, which
    arrive on the default QueueConsumer's channel.

    Each delivery goes to the batch provider's `handle_delivery` as it comes off the socket, in
    this thread and undecoded (StartSafeQueueConsumer): nameko's greenthread per message and
    kombu's JSON decoding (an object hook called for every object) were a fifth of a consumer's
    CPU per event. The provider only parses the body, queues it and hands whole batches to
    workers. Its socket is read ahead (amqp_read_ahead.py)."""

    @property
    def prefetch_count(self):
        return EVENT_PREFETCH


class EventBatchConsumer(EventsConsumer):
    """Calls the decorated method with a list of (envelope, payload), oldest first.

    One batch is in flight at a time per process (SQLite has one writer, and Python one core
    for the handlers; more throughput comes from more copies), so every delivery tag up to the
    batch's last is settled when it commits, and one `basic.ack(multiple=True)` acks them all.
    """

    queue_consumer = EventsQueueConsumer()

    def setup(self):
        super().setup()
        self._waiting: deque = deque()     # (message, envelope, payload), in delivery order
        self._one_by_one: deque = deque()  # a failed batch's events, to apply singly
        self._in_flight = False

    def handle_delivery(self, message):
        """A message as it arrives (in the queue consumer's thread; see EventsQueueConsumer)."""
        try:
            envelope, payload = self.catalogue.load_incoming(_as_dict(message.body))
        except ValidationFailed as exc:
            # Parked before the next message is read: no later batch's ack (`multiple`) can
            # cover this one before it is safe on the dead-letter queue.
            self._give_up(message, f"{exc}: {exc.fields}", attempts=_attempts(message) + 1)
            return
        # The trace the event was raised in rides with it, for its own span in the batch.
        envelope["traceparent"] = _trace_headers(message).get("traceparent")
        self._waiting.append((message, envelope, payload))
        self._dispatch()

    def _dispatch(self) -> None:
        if self._in_flight:
            return
        if self._one_by_one:
            batch = [self._one_by_one.popleft()]
        else:
            batch = [self._waiting.popleft() for _ in range(min(EVENT_BATCH_SIZE, len(self._waiting)))]
        if not batch:
            return
        self._in_flight = True
        events = [(envelope, payload) for _, envelope, payload in batch]
        try:
            self.container.spawn_worker(
                self, (events,), {}, context_data={"correlation_id": events[0][0]["correlation_id"]},
                handle_result=partial(self.handle_batch_result, batch))
        except ContainerBeingKilled:
            self._in_flight = False
            for message, _, _ in [*batch, *self._one_by_one, *self._waiting]:
                self.queue_consumer.requeue_message(message)
            self._one_by_one.clear()
            self._waiting.clear()

    def handle_batch_result(self, batch, worker_ctx, result=None, exc_info=None):
        try:
            if exc_info is None:
                _ack_all(batch[-1][0])
                EVENTS_CONSUMED.labels(self.subscription.service).inc(len(batch))
                return result, exc_info
            EVENTS_FAILED.labels(self.subscription.service).inc()
            if len(batch) > 1:
                log.warning("event batch failed; applying its events one by one", extra={
                    "events": len(batch), "error": _error_text(exc_info)})
                self._one_by_one.extend(batch)
            else:
                self._retry_or_park(batch[0][0], _error_text(exc_info))
        finally:
            self._in_flight = False
            self._dispatch()
        return result, exc_info

    def _retry_or_park(self, message, error: str) -> None:
        attempts = _attempts(message) + 1
        if attempts >= MAX_ATTEMPTS:
            self._give_up(message, error, attempts)
        else:
            self._retry_later(message, error, attempts)


def _ack_all(last_message) -> None:
    """Ack every delivery on the batch channel up to this one: all of them are settled (the
    batch committed, earlier batches were acked, malformed or failed ones were forwarded)."""
    channel = last_message.channel
    if channel.connection:  # after a reconnect the broker has already taken them back
        try:
            channel.basic_ack(last_message.delivery_tag, multiple=True)
        except ConnectionError:
            pass


def _error_text(exc_info) -> str:
    return "".join(traceback.format_exception_only(exc_info[0], exc_info[1])).strip()


class DeadLetterConsumer(Consumer):
    """Calls the decorated method with a DeadLetter for each message on `<service>.dead`."""

    queue_consumer = StartSafeQueueConsumer()

    def __init__(self, **kwargs):
        super().__init__(queue=None, **kwargs)

    def setup(self):
        self.queue = dead_queue(_subscription(self))
        super().setup()

    def handle_delivery(self, message):
        """Undecoded (see StartSafeQueueConsumer): a letter parked because its body was no JSON
        is kept as it came, where kombu's decoding would log it and ack it away."""
        headers = message.headers or {}
        body = message.body
        raw = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else str(body)
        error = headers.get(ERROR_HEADER) or _broker_reason(headers)
        letter = DeadLetter(
            message_id=message.properties.get("message_id") or "",
            type=headers.get("type") or _as_dict(body).get("type", "unknown"),
            error=error, attempts=int(headers.get(ATTEMPTS_HEADER, 0)),
            body=raw, headers={k: v for k, v in headers.items() if k != "x-death"})
        _spawn(self, message, (letter,), {})

    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        # Parking must never lose a letter: on failure it stays on the queue.
        if exc_info is None:
            self.queue_consumer.ack_message(message)
        else:
            self.queue_consumer.requeue_message(message)
        return result, exc_info


def _spawn(consumer: Consumer, message, args: tuple, context_data: dict) -> None:
    """Hand the message to a worker; a container shutting down returns it to the queue."""
    try:
        consumer.container.spawn_worker(consumer, args, {}, context_data=context_data,
                                        handle_result=partial(consumer.handle_result, message))
    except ContainerBeingKilled:
        consumer.queue_consumer.requeue_message(message)


def _trace_headers(message) -> dict:
    headers = message.headers or {}
    return {key: headers[key] for key in TRACE_KEYS if isinstance(headers.get(key), str)}


def _attempts(message) -> int:
    return int((message.headers or {}).get(ATTEMPTS_HEADER, 0))


def _as_dict(body) -> dict:
    if isinstance(body, (bytes, str)):
        try:
            body = json.loads(body)
        except ValueError:
            return {}
    return body if isinstance(body, dict) else {}


def _broker_reason(headers: dict) -> str:
    deaths = headers.get("x-death") or []
    reason = deaths[0].get("reason") if deaths else "unknown"
    return f"parked by the broker ({reason}): the consumer kept failing before it could answer"


consume_events = EventsConsumer.decorator
consume_event_batches = EventBatchConsumer.decorator
consume_dead_letters = DeadLetterConsumer.decorator
