"""The audit table over a SQLAlchemy session: append and filtered, newest-first pages.

Nothing here updates or deletes a row (the database refuses it too, see migration_ops).
"""
from datetime import timezone

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.common.messaging_tables import MessagingTables
from services.common.pagination import Page, decode_cursor, encode_cursor
from services.common.errors import ValidationFailed
from services.common.timestamps import as_utc


class SqlAuditLog:
    def __init__(self, session: Session, tables: MessagingTables):
        self._session = session
        self._table = tables.audit_log

    def append(self, entry: dict) -> None:
        self._session.execute(insert(self._table), [entry])

    def page(self, query: dict) -> Page:
        table, limit = self._table, query["limit"]
        statement = select(table).order_by(table.c.id.desc()).limit(limit)
        for name in ("key_id", "role", "subject_id", "action", "kind"):
            if name in query:
                statement = statement.where(table.c[name] == query[name])
        if "object_id" in query:
            statement = statement.where(table.c.object_ids.contains(f" {query['object_id']} ",
                                                                    autoescape=True))
        if "from_" in query:
            statement = statement.where(table.c.at >= query["from_"].astimezone(timezone.utc))
        if "to" in query:
            statement = statement.where(table.c.at < query["to"].astimezone(timezone.utc))
        after = _last_id(query.get("cursor"))
        if after is not None:
            statement = statement.where(table.c.id < after)
        rows = self._session.execute(statement).all()
        items = [{**row._mapping, "at": as_utc(row.at), "object_ids": row.object_ids.split()}
                 for row in rows]
        cursor = encode_cursor([items[-1]["id"]]) if len(items) == limit else None
        return Page(items, cursor)


def _last_id(cursor: str | None) -> int | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    if len(key) != 1 or not isinstance(key[0], int) or isinstance(key[0], bool):
        raise ValidationFailed("カーソルが不正です / invalid cursor", {"cursor": ["invalid cursor"]})
    return key[0]
