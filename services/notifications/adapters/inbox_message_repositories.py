"""In-app inbox messages in SQL."""
from datetime import datetime

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.notifications.adapters.tables import inbox_messages
from services.notifications.domain.inbox_message import InboxMessage


class SqlInboxMessageRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, message: InboxMessage) -> None:
        self._session.execute(insert(inbox_messages).values(message.__dict__))

    def add_many(self, messages: list[InboxMessage]) -> None:
        if messages:
            self._session.execute(insert(inbox_messages), [m.__dict__ for m in messages])

    def get(self, message_id: str) -> InboxMessage | None:
        row = self._session.execute(
            select(inbox_messages).where(inbox_messages.c.id == message_id)).first()
        return _message(row) if row else None

    def save(self, message: InboxMessage) -> None:
        self._session.execute(update(inbox_messages).where(inbox_messages.c.id == message.id)
                              .values(read_at=message.read_at))

    def for_recipient(self, recipient_id: str, after: list | None, limit: int) -> list[InboxMessage]:
        """Newest first; `after` is the last (created_at, id) the reader saw."""
        table = inbox_messages
        statement = (select(table).where(table.c.recipient_id == recipient_id)
                     .order_by(table.c.created_at.desc(), table.c.id.desc()).limit(limit))
        if after:
            statement = statement.where(tuple_(table.c.created_at, table.c.id)
                                        < (datetime.fromisoformat(after[0]), after[1]))
        return [_message(row) for row in self._session.execute(statement)]

    def unread_count(self, recipient_id: str) -> int:
        table = inbox_messages
        return self._session.execute(select(func.count()).select_from(table).where(
            table.c.recipient_id == recipient_id, table.c.read_at.is_(None))).scalar_one()

    def mark_all_read(self, recipient_id: str, now: datetime) -> int:
        table = inbox_messages
        return self._session.execute(update(table).where(
            table.c.recipient_id == recipient_id, table.c.read_at.is_(None))
            .values(read_at=now)).rowcount

    def receipts(self, source_event_id: str) -> list[tuple[str, datetime | None]]:
        table = inbox_messages
        rows = self._session.execute(select(table.c.recipient_id, table.c.read_at)
                                     .where(table.c.source_event_id == source_event_id)
                                     .order_by(table.c.recipient_id))
        return [(r.recipient_id, as_utc(r.read_at) if r.read_at else None) for r in rows]

    def read_counts(self, source_event_ids: list[str]) -> dict[str, tuple[int, int]]:
        table = inbox_messages
        rows = self._session.execute(
            select(table.c.source_event_id, func.count(), func.count(table.c.read_at))
            .where(table.c.source_event_id.in_(source_event_ids))
            .group_by(table.c.source_event_id))
        return {row[0]: (row[1], row[2]) for row in rows}


def _message(row) -> InboxMessage:
    data = dict(row._mapping)
    data["created_at"] = as_utc(data["created_at"])
    data["read_at"] = as_utc(data["read_at"]) if data["read_at"] else None
    return InboxMessage(**data)
