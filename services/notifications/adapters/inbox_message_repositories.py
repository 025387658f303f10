"""In-app inbox messages in SQL."""
from datetime import datetime

from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.notifications.adapters.tables import inbox_messages
from services.notifications.domain.inbox_message import InboxMessage


class SqlInboxMessageRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, message: InboxMessage) -> None:
        self._session.execute(insert(inbox_messages).values(message.__dict__))

    def for_recipient(self, recipient_id: str, after: list | None, limit: int) -> list[InboxMessage]:
        table = inbox_messages
        statement = (select(table).where(table.c.recipient_id == recipient_id)
                     .order_by(table.c.created_at, table.c.id).limit(limit))
        if after:
            statement = statement.where(tuple_(table.c.created_at, table.c.id)
                                        > (datetime.fromisoformat(after[0]), after[1]))
        return [_message(row) for row in self._session.execute(statement)]


def _message(row) -> InboxMessage:
    data = dict(row._mapping)
    data["created_at"] = as_utc(data["created_at"])
    data["read_at"] = as_utc(data["read_at"]) if data["read_at"] else None
    return InboxMessage(**data)
