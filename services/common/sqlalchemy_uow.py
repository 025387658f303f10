"""Unit of work over a SQLAlchemy session: state, outbox rows and inbox rows in one transaction."""
import json
from collections.abc import Callable
from datetime import datetime, timezone
from functools import cache

from sqlalchemy import Table, bindparam, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from services.common import metrics
from services.common.audit import WRITE, current_audit
from services.common.audit_log import SqlAuditLog
from services.common.dead_letters import SqlDeadLetters
from services.common.correlation import current_correlation_id, new_correlation_id
from services.common.envelope import Envelope
from services.common.event_contracts import EventCatalogue
from services.common.message_pruning import Pruned, PruningSettings, prune_messages
from services.common.messaging_tables import MessagingTables
from services.common.municipality import configured_municipality_code
from services.common.unit_of_work import ProcessedMessage, StagedEvent, UnitOfWork


class SqlInbox:
    def __init__(self, session: Session, tables: MessagingTables):
        self._session = session
        self._table = tables.inbox

    def already_processed(self, message_id: str) -> bool:
        query = select(self._table.c.message_id).where(self._table.c.message_id == message_id)
        return self._session.execute(query).first() is not None

    def mark_processed(self, message_id: str, message_type: str,
                       municipality_code: str | None = None) -> None:
        self.mark_all_processed([ProcessedMessage(message_id, message_type, municipality_code)])

    def processed_among(self, message_ids: list[str]) -> set[str]:
        return set(self._session.execute(_processed_among(self._table), {"ids": message_ids}).scalars())

    def mark_all_processed(self, messages: list[ProcessedMessage]) -> None:
        # A concurrent duplicate hits the primary key and rolls back the whole effect.
        if messages:
            now = datetime.now(timezone.utc)
            self._session.execute(insert(self._table), [
                {"message_id": message.message_id, "type": message.type, "processed_at": now,
                 "municipality_code": message.municipality_code}
                for message in messages])


@cache
def _processed_among(inbox: Table):
    """Built once per table, its IN list expanded per call: built anew per batch, the query for
    128 ids cost 0.29 ms of CPU here, 0.17 ms this way (SQLite)."""
    return select(inbox.c.message_id).where(inbox.c.message_id.in_(bindparam("ids", expanding=True)))


class SqlAlchemyUnitOfWork(UnitOfWork):
    """Subclasses attach their repositories in `attach_repositories`."""

    def __init__(self, session_factory: sessionmaker, producer: str, catalogue: EventCatalogue,
                 tables: MessagingTables, after_commit: Callable[[], None] | None = None):
        self._session_factory = session_factory
        self._producer = producer
        self._catalogue = catalogue
        self._tables = tables
        self._after_commit = after_commit

    def __enter__(self):
        super().__enter__()
        self.session = self._session_factory()
        self.inbox = SqlInbox(self.session, self._tables)
        self.dead_letters = SqlDeadLetters(self.session, self._tables)
        self.audit_log = SqlAuditLog(self.session, self._tables)
        # Ids of what add/save persisted: the audit log names the objects a write touched.
        self.written_ids: list[str] = []
        self.attach_repositories(self.session)
        return self

    def __exit__(self, *exc_info):
        super().__exit__(*exc_info)
        self.session.close()

    def attach_repositories(self, session: Session) -> None:
        raise NotImplementedError

    def _see(self, aggregate) -> None:
        super()._see(aggregate)
        if isinstance(getattr(aggregate, "id", None), str):
            self.written_ids.append(aggregate.id)

    def _commit(self, events: list[StagedEvent]) -> None:
        now = datetime.now(timezone.utc)
        fallback_correlation_id = current_correlation_id.get() or new_correlation_id()
        municipality_code = configured_municipality_code()
        rows = []
        for staged in events:
            event = staged.event
            envelope = Envelope(type=event.type, version=event.version, producer=self._producer,
                                payload=event.payload(),
                                correlation_id=staged.correlation_id or fallback_correlation_id,
                                causation_id=staged.causation_id,
                                municipality_code=municipality_code)
            self._catalogue.validate_outgoing(envelope)
            rows.append({"message_id": envelope.id, "type": envelope.type, "created_at": now,
                         "available_at": now, "traceparent": staged.traceparent,
                         "municipality_code": municipality_code,
                         "envelope": json.dumps(envelope.as_dict(), ensure_ascii=False)})
        if rows:
            self.session.execute(insert(self._tables.outbox), rows)
        audit = current_audit.get()
        if audit is not None:  # a call's write is recorded with it, or not at all
            audit.note_objects(self.written_ids)
            audit.wrote = True
            self.audit_log.append(audit.entry(WRITE))
        self.session.commit()
        if rows and self._after_commit:
            self._after_commit()

    def rollback(self) -> None:
        self.session.rollback()

    def append_audit(self, entry: dict) -> None:
        """An entry of its own (an operator's read), in a short transaction of its own."""
        with self._session_factory() as session:
            SqlAuditLog(session, self._tables).append(entry)
            session.commit()

    def read_messaging_gauges(self) -> None:
        """Outbox lag, the oldest unsent row's age and parked dead letters, for /metrics."""
        metrics.read_messaging_gauges(self._producer, self._session_factory, self._tables)

    def prune_messages(self, settings: PruningSettings) -> Pruned:
        """Sent outbox and old inbox rows go (message_pruning.py), counted for /metrics."""
        pruned = prune_messages(self._session_factory, self._tables, settings)
        metrics.MESSAGES_PRUNED.labels(self._producer, "outbox").inc(pruned.outbox)
        metrics.MESSAGES_PRUNED.labels(self._producer, "inbox").inc(pruned.inbox)
        return pruned

    def check_database(self) -> None:
        with self._session_factory() as session:
            session.execute(text("SELECT 1"))
