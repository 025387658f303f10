"""SQLAlchemy storage of the events reports applied, and the read models a replay clears."""
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from services.common.deferred_writes import write_later
from services.reports.adapters.tables import READ_MODEL_TABLES, event_log
from services.reports.domain.stored_event import StoredEvent

PAGE = 2000
_APPEND = insert(event_log)  # rows read at a time: a replay's memory stays flat however long the log is


class SqlEventLogRepository:
    def __init__(self, session: Session):
        self._session = session

    def append(self, event: StoredEvent) -> None:
        # Every consumed event is logged: a batch's rows go as one executemany, in order.
        write_later(self._session, _APPEND, {
            "event_id": event.event_id, "type": event.type, "version": event.version,
            "occurred_at": event.occurred_at, "payload": event.payload})

    def stream(self, until: datetime | None = None) -> Iterator[StoredEvent]:
        """In the order they were applied, a page at a time (keyset, not OFFSET)."""
        last = 0
        while True:
            statement = select(event_log).where(event_log.c.seq > last).order_by(
                event_log.c.seq).limit(PAGE)
            if until is not None:
                statement = statement.where(event_log.c.occurred_at <= until)
            rows = self._session.execute(statement).all()
            for row in rows:
                yield StoredEvent(row.event_id, row.type, row.version, row.occurred_at,
                                  row.payload)
            if len(rows) < PAGE:
                return
            last = rows[-1].seq

    def get(self, event_id: str) -> StoredEvent | None:
        row = self._session.execute(select(event_log).where(
            event_log.c.event_id == event_id)).first()
        return None if row is None else StoredEvent(row.event_id, row.type, row.version,
                                                    row.occurred_at, row.payload)

    def count(self) -> int:
        return self._session.execute(select(event_log.c.seq).order_by(
            event_log.c.seq.desc()).limit(1)).scalar() or 0


class SqlReadModelStore:
    def __init__(self, session: Session):
        self._session = session

    def clear(self) -> None:
        """Empties every event-fed table. On PostgreSQL the event log is locked first, so a
        consumer applying an event waits for the rebuild and then applies on top of it."""
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(text("LOCK TABLE event_log IN EXCLUSIVE MODE"))
        for table in READ_MODEL_TABLES:
            self._session.execute(delete(table))
