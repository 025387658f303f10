"""Unit of work over a SQLAlchemy session: state, outbox rows and inbox rows in one transaction."""
import json
from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from services.common.dead_letters import SqlDeadLetters
from services.common.correlation import current_correlation_id, new_correlation_id
from services.common.domain_events import DomainEvent
from services.common.envelope import Envelope
from services.common.event_contracts import EventCatalogue
from services.common.messaging_tables import MessagingTables
from services.common.unit_of_work import UnitOfWork


class SqlInbox:
    def __init__(self, session: Session, tables: MessagingTables):
        self._session = session
        self._table = tables.inbox

    def already_processed(self, message_id: str) -> bool:
        query = select(self._table.c.message_id).where(self._table.c.message_id == message_id)
        return self._session.execute(query).first() is not None

    def mark_processed(self, message_id: str, message_type: str) -> None:
        # A concurrent duplicate hits the primary key and rolls back the whole effect.
        self._session.execute(insert(self._table).values(
            message_id=message_id, type=message_type, processed_at=datetime.now(timezone.utc)))


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
        self.attach_repositories(self.session)
        return self

    def __exit__(self, *exc_info):
        super().__exit__(*exc_info)
        self.session.close()

    def attach_repositories(self, session: Session) -> None:
        raise NotImplementedError

    def _commit(self, events: list[DomainEvent]) -> None:
        now = datetime.now(timezone.utc)
        correlation_id = current_correlation_id.get() or new_correlation_id()
        rows = []
        for event in events:
            envelope = Envelope(type=event.type, version=event.version, producer=self._producer,
                                payload=event.payload(), correlation_id=correlation_id,
                                causation_id=self.causation_id)
            self._catalogue.validate_outgoing(envelope)
            rows.append({"message_id": envelope.id, "type": envelope.type, "created_at": now,
                         "available_at": now,
                         "envelope": json.dumps(envelope.as_dict(), ensure_ascii=False)})
        if rows:
            self.session.execute(insert(self._tables.outbox), rows)
        self.session.commit()
        if rows and self._after_commit:
            self._after_commit()

    def rollback(self) -> None:
        self.session.rollback()

    def check_database(self) -> None:
        with self._session_factory() as session:
            session.execute(text("SELECT 1"))
