"""The operator's replay command: rebuild every reports read model from the stored events.

    python -m services.reports.entrypoints.replay

Uses KYODO_REPORTS_DATABASE_URL (or the SQLite default) like the service. Safe while the service
runs: it is one transaction; on PostgreSQL consumers wait for it, on SQLite they retry.
"""
import sys
import time

from services.common.database import database_url, make_engine, make_session_factory
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app.event_handlers import EVENT_HANDLERS
from services.reports.app.replay import rebuild_read_models
from services.reports.contract.events import PUBLISHED
from services.reports.domain.stored_event import StoredEvent
from services.reports.entrypoints.consumed_events import CONSUMED


def load_stored(stored: StoredEvent) -> dict:
    """The payload read again by the same tolerant reader the live consumer used."""
    occurred_at = stored.occurred_at
    _, payload = CONSUMED.load_incoming({
        "id": stored.event_id, "type": stored.type, "version": stored.version,
        "occurred_at": (occurred_at.isoformat() if occurred_at.tzinfo
                        else occurred_at.isoformat() + "+00:00"),  # SQLite hands back naive UTC
        "producer": stored.type.split(".", 1)[0], "correlation_id": "replay",
        "causation_id": None, "payload": stored.payload})
    return payload


def replay(url: str) -> int:
    engine = make_engine(url)
    try:
        uow = SqlReportsUnitOfWork(make_session_factory(engine), "reports", PUBLISHED, MESSAGING)
        return rebuild_read_models(uow, EVENT_HANDLERS, load_stored)
    finally:
        engine.dispose()


def main() -> int:
    started = time.monotonic()
    applied = replay(database_url("reports"))
    print(f"reports: {applied} events replayed into fresh read models "
          f"in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
