"""Prometheus metrics every process exposes at /metrics (prometheus-client, one registry each).

Counters and histograms are updated where the work happens (RPC entrypoint, event consumers,
the gateway's dispatcher); the outbox and dead-letter gauges are read from the database when
Prometheus scrapes, so they are never stale and cost nothing between scrapes.
"""
from datetime import datetime, timezone

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import func, select

# Buckets around the goals: p99 < 100 ms for the gateway, < 50 ms for a search.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

HTTP_LATENCY = Histogram("kyodo_http_request_duration_seconds",
                         "Gateway requests, from arrival to answer", ("route", "method", "status"),
                         buckets=LATENCY_BUCKETS)
RPC_LATENCY = Histogram("kyodo_rpc_duration_seconds", "RPC methods as the service runs them",
                        ("service", "method", "outcome"), buckets=LATENCY_BUCKETS)
RPC_DROPPED = Counter("kyodo_rpc_dropped_total", "RPC calls not run: caller refused or its "
                      "deadline passed", ("service", "method", "reason"))
EVENTS_CONSUMED = Counter("kyodo_events_consumed_total",
                          "Events applied (or absorbed as duplicates) and acked", ("service",))
EVENTS_FAILED = Counter("kyodo_events_failed_total", "Event handlings that raised", ("service",))
EVENTS_RETRIED = Counter("kyodo_events_retried_total", "Events sent to a retry queue", ("service",))
EVENTS_PARKED = Counter("kyodo_events_dead_lettered_total",
                        "Events given up on and sent to the dead-letter queue", ("service",))
OUTBOX_UNSENT = Gauge("kyodo_outbox_unsent", "Outbox rows not yet confirmed by the broker (lag)",
                      ("service",))
OUTBOX_OLDEST_AGE = Gauge("kyodo_outbox_oldest_unsent_age_seconds",
                          "Age of the oldest unsent outbox row; 0 when all are sent", ("service",))
MESSAGES_PRUNED = Counter("kyodo_messages_pruned_total",
                          "Sent outbox and old inbox rows deleted by the hourly pruning",
                          ("service", "table"))
DEAD_LETTERS = Gauge("kyodo_dead_letters", "Parked dead letters not yet replayed", ("service",))


def read_messaging_gauges(service: str, session_factory, tables) -> None:
    """Set the outbox and dead-letter gauges from the service's own database."""
    outbox, dead = tables.outbox, tables.dead_letters
    with session_factory() as session:
        unsent, oldest = session.execute(
            select(func.count(), func.min(outbox.c.created_at)).where(outbox.c.sent_at.is_(None))).one()
        parked = session.execute(
            select(func.count()).select_from(dead).where(dead.c.replayed_at.is_(None))).scalar_one()
    OUTBOX_UNSENT.labels(service).set(unsent)
    OUTBOX_OLDEST_AGE.labels(service).set(_age_seconds(oldest))
    DEAD_LETTERS.labels(service).set(parked)


def _age_seconds(created_at) -> float:
    if created_at is None:
        return 0.0
    if created_at.tzinfo is None:  # SQLite returns naive datetimes; they were stored in UTC
        created_at = created_at.replace(tzinfo=timezone.utc)
    return max(0.0, (datetime.now(timezone.utc) - created_at).total_seconds())


def exposition() -> tuple[str, str]:
    """The text format and its content type, for an HTTP handler (nameko's @http takes a str
    body only: bytes answered 500)."""
    return generate_latest().decode("utf-8"), CONTENT_TYPE_LATEST
