"""Pruning the messaging tables: sent outbox rows and old inbox rows go, in small batches.

An outbox row is needed until the broker confirmed it; a week after that it only helps someone
reading what was sent. An unsent row is never pruned, however old: it is an event still owed.
An inbox row must outlive every way its message can come back, and the longest is an operator
replaying a dead letter (docs/operations.md, "Pruning"): 30 days by default.

Each batch is its own short transaction, so a SQLite writer or a PostgreSQL lock is never held
for long; `time.sleep(0)` between batches lets other greenthreads run under eventlet.
"""
import os
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select

from services.common.messaging_tables import MessagingTables


@dataclass(frozen=True)
class PruningSettings:
    sent_outbox_days: int = 7
    inbox_days: int = 30
    batch_size: int = 1000
    interval_seconds: int = 3600

    @classmethod
    def from_environment(cls, environ=os.environ) -> "PruningSettings":
        """KYODO_PRUNE_SENT_OUTBOX_DAYS, KYODO_PRUNE_INBOX_DAYS, KYODO_PRUNE_BATCH_SIZE,
        KYODO_PRUNE_INTERVAL_SECONDS; a value that is not a whole number in range is refused."""
        defaults = cls()
        return cls(
            sent_outbox_days=_whole(environ, "KYODO_PRUNE_SENT_OUTBOX_DAYS", defaults.sent_outbox_days, 1, 3650),
            inbox_days=_whole(environ, "KYODO_PRUNE_INBOX_DAYS", defaults.inbox_days, 1, 3650),
            batch_size=_whole(environ, "KYODO_PRUNE_BATCH_SIZE", defaults.batch_size, 1, 100_000),
            interval_seconds=_whole(environ, "KYODO_PRUNE_INTERVAL_SECONDS", defaults.interval_seconds,
                                    1, 7 * 24 * 3600))


def _whole(environ, name: str, default: int, lowest: int, highest: int) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValueError(f"{name} must be a whole number from {lowest} to {highest}, got {raw!r}") from None
    if not lowest <= value <= highest:
        raise ValueError(f"{name} must be a whole number from {lowest} to {highest}, got {value}")
    return value


@dataclass(frozen=True)
class Pruned:
    outbox: int
    inbox: int


def prune_messages(session_factory, tables: MessagingTables, settings: PruningSettings,
                   now: datetime | None = None) -> Pruned:
    """Delete sent outbox rows older than `sent_outbox_days` and inbox rows older than
    `inbox_days`, `batch_size` rows per transaction, until none is left."""
    now = now or datetime.now(timezone.utc)
    outbox, inbox = tables.outbox, tables.inbox
    sent_before = now - timedelta(days=settings.sent_outbox_days)
    processed_before = now - timedelta(days=settings.inbox_days)
    old_sent = (select(outbox.c.seq)
                .where(outbox.c.sent_at.isnot(None), outbox.c.sent_at < sent_before)
                .limit(settings.batch_size))
    old_processed = (select(inbox.c.message_id).where(inbox.c.processed_at < processed_before)
                     .limit(settings.batch_size))
    return Pruned(
        outbox=_in_batches(session_factory, delete(outbox).where(outbox.c.seq.in_(old_sent.scalar_subquery())),
                           settings.batch_size),
        inbox=_in_batches(session_factory,
                          delete(inbox).where(inbox.c.message_id.in_(old_processed.scalar_subquery())),
                          settings.batch_size))


def _in_batches(session_factory, statement, batch_size: int) -> int:
    total = 0
    while True:
        with session_factory() as session:
            deleted = session.execute(statement).rowcount
            session.commit()
        total += deleted
        if deleted < batch_size:
            return total
        time.sleep(0)
