"""Parked messages: what failed, why, and a way for an operator to send it round again."""
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.common.errors import Conflict, NotFound
from services.common.messaging_tables import MessagingTables


@dataclass(frozen=True)
class DeadLetter:
    message_id: str
    type: str
    error: str
    attempts: int
    body: str
    headers: dict


class SqlDeadLetters:
    def __init__(self, session: Session, tables: MessagingTables):
        self._session = session
        self._table = tables.dead_letters

    def park(self, letter: DeadLetter) -> None:
        self._session.execute(insert(self._table).values(
            message_id=letter.message_id, type=letter.type, error=letter.error,
            attempts=letter.attempts, body=letter.body, headers=letter.headers,
            dead_at=datetime.now(timezone.utc)))

    def list(self, include_replayed: bool = False, limit: int = 100) -> list[dict]:
        table = self._table
        query = select(table).order_by(table.c.id.desc()).limit(limit)
        if not include_replayed:
            query = query.where(table.c.replayed_at.is_(None))
        return [_as_dict(row) for row in self._session.execute(query)]

    def get(self, letter_id: int) -> dict:
        row = self._session.execute(select(self._table).where(self._table.c.id == letter_id)).first()
        if row is None:
            raise NotFound(f"dead letter {letter_id} not found / デッドレターが見つかりません")
        return _as_dict(row)

    def mark_replayed(self, letter_id: int) -> None:
        result = self._session.execute(
            update(self._table).where(self._table.c.id == letter_id,
                                      self._table.c.replayed_at.is_(None))
            .values(replayed_at=datetime.now(timezone.utc)))
        if result.rowcount != 1:
            raise Conflict(f"dead letter {letter_id} was already replayed / 再送済みです")


def _as_dict(row) -> dict:
    data = dict(row._mapping)
    for key in ("dead_at", "replayed_at"):
        data[key] = data[key].isoformat() if data[key] else None
    data["event"] = json.loads(data.pop("body"))
    return data
