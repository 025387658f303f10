"""Moves committed outbox rows to RabbitMQ and marks them sent.

At-least-once: a row is marked sent only after the broker confirmed it, so a relay that dies
in between publishes it again and the consumers' inbox absorbs the duplicate. On PostgreSQL the
batch is claimed with FOR UPDATE SKIP LOCKED, so several relays share the work without sending a
row twice; SQLite has a single writer and holds no transaction across the network round trip.
"""
import json
import logging
import threading
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from services.common.confirming_publisher import ConfirmingPublisher, OutgoingMessage
from services.common.messaging_tables import MessagingTables
from services.common.topology import EVENTS_EXCHANGE

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(minutes=5)


class OutboxRelay:
    def __init__(self, engine: Engine, tables: MessagingTables, publisher: ConfirmingPublisher,
                 batch_size: int = 500):
        self._engine = engine
        self._outbox = tables.outbox
        self._publisher = publisher
        self._batch_size = batch_size
        self._claims_with_lock = engine.dialect.name == "postgresql"
        self.wake = threading.Event()

    def relay_once(self) -> int:
        """Publish one batch; return how many rows it handled."""
        if self._claims_with_lock:
            with self._engine.begin() as connection:
                rows = connection.execute(self._pending().with_for_update(skip_locked=True)).all()
                if rows:
                    self._publish_and_mark(connection, rows)
            return len(rows)
        with self._engine.connect() as connection:
            rows = connection.execute(self._pending()).all()
        if rows:
            with self._engine.begin() as connection:
                self._publish_and_mark(connection, rows)
        return len(rows)

    def _pending(self):
        now = datetime.now(timezone.utc)
        table = self._outbox
        return (select(table.c.seq, table.c.message_id, table.c.type, table.c.envelope,
                       table.c.attempts, table.c.traceparent)
                .where(table.c.sent_at.is_(None), table.c.available_at <= now)
                .order_by(table.c.seq).limit(self._batch_size))

    def _publish_and_mark(self, connection, rows) -> None:
        outcome = self._publisher.publish_batch([_message(row) for row in rows])
        now = datetime.now(timezone.utc)
        if outcome.confirmed:
            connection.execute(update(self._outbox)
                               .where(self._outbox.c.message_id.in_(outcome.confirmed))
                               .values(sent_at=now))
        failures = {**{m: "unroutable: no queue is bound to this event type" for m in outcome.unroutable},
                    **{m: "rejected by the broker" for m in outcome.rejected},
                    **{m: "not confirmed in time" for m in outcome.unconfirmed}}
        for row in rows:
            if row.message_id in failures:
                log.error("outbox row not published", extra={
                    "message_id": row.message_id, "event_type": row.type,
                    "reason": failures[row.message_id]})
                delay = min(timedelta(seconds=2 ** min(row.attempts, 12)), MAX_BACKOFF)
                connection.execute(update(self._outbox).where(self._outbox.c.seq == row.seq).values(
                    attempts=row.attempts + 1, last_error=failures[row.message_id],
                    available_at=now + delay))

    def run(self, stopping: threading.Event, idle_wait: float = 0.5, linger: float = 0.01) -> None:
        """Relay until `stopping` is set; a commit in this process sets `wake` to skip the wait.

        The first event after a quiet spell goes at once. While events keep coming, the relay
        lingers `linger` seconds after a partial batch so the next one carries the commits made
        meanwhile: its read, confirm wait and marking commit (an fsync) are shared by all of them
        (11 rows a batch under 20 connections writing through the gateway, against 5.5 without)."""
        failures = 0
        while not stopping.is_set():
            try:
                handled = self.relay_once()
                failures = 0
            except Exception:
                failures += 1
                log.exception("outbox relay failed; retrying")
                self._publisher.close()
                stopping.wait(min(0.5 * 2 ** failures, 10))
                continue
            if handled == 0:
                self.wake.wait(idle_wait)
                self.wake.clear()
            elif handled < self._batch_size:
                stopping.wait(linger)
                self.wake.clear()  # the next read sees every commit that set it


def _message(row) -> OutgoingMessage:
    envelope = json.loads(row.envelope)
    headers = {"correlation_id": envelope.get("correlation_id") or "", "type": row.type}
    if row.traceparent:  # the trace the event was raised in: its consumers' spans continue it
        headers["traceparent"] = row.traceparent
    return OutgoingMessage(
        message_id=row.message_id, exchange=EVENTS_EXCHANGE, routing_key=row.type,
        body=row.envelope.encode("utf-8"), headers=headers)
