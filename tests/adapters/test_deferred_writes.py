"""Deferred writes on SQLite (the driver's executemany, statements compiled once) and PostgreSQL
(SQLAlchemy's executemany): the rows read back as SQLAlchemy itself writes them, a failing row
fails the commit with SQLAlchemy's own error and leaves nothing, a column with a Python-side
default omitted from the rows still gets it, and an upsert replaces."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import (JSON, Boolean, Column, DateTime, Integer, MetaData, String, Table, bindparam, insert,
                        event, select)
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError

from services.common.database import make_engine, make_session_factory
from services.common.deferred_writes import write_later
from services.common.driver_statements import DriverStatement
from services.common.sql_upserts import replace_later

metadata = MetaData()
things = Table(
    "deferred_things", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(50), nullable=False),
    Column("tags", JSON, nullable=False),
    Column("seen_at", DateTime(timezone=True)),
    Column("active", Boolean, nullable=False),
    Column("note", String(50), nullable=False, default="none"),
)
WRITE = insert(things)
ROWS = [{"id": i, "name": f"団体{i}", "tags": {"fields": ["welfare"], "n": i},
         "seen_at": datetime(2026, 12, 5, 9, i, tzinfo=timezone.utc) if i % 2 else None,
         "active": bool(i % 3), "note": "x"} for i in range(1, 8)]


@pytest.fixture
def factory(database_url):
    engine = make_engine(database_url)
    metadata.create_all(engine)
    yield make_session_factory(engine)
    metadata.drop_all(engine)
    engine.dispose()


def stored(factory) -> list[dict]:
    with factory() as session:
        return [dict(row._mapping) for row in session.execute(select(things).order_by(things.c.id))]


def test_deferred_rows_read_back_as_sqlalchemy_writes_them(factory):
    sent = []  # (compiled by SQLAlchemy for this execution?, executemany?)
    event.listen(factory.kw["bind"], "before_cursor_execute",
                 lambda _c, _cursor, _sql, _params, context, many: sent.append((context.compiled is not None, many)))
    with factory() as session:
        write_later(session, WRITE, *ROWS[:4])
        write_later(session, WRITE, *ROWS[4:])
        session.commit()
    assert sent == [(factory.kw["bind"].dialect.name != "sqlite", True)]  # one executemany; SQLite's on the driver
    deferred = stored(factory)
    with factory() as session:
        session.execute(things.delete())
        session.execute(WRITE, ROWS)
        session.commit()
    assert deferred == stored(factory) and len(deferred) == len(ROWS)
    assert deferred[0]["tags"] == {"fields": ["welfare"], "n": 1} and deferred[0]["seen_at"].hour == 9


def test_a_failing_row_fails_the_commit_with_sqlalchemys_error_and_leaves_nothing(factory):
    with factory() as session:
        write_later(session, WRITE, ROWS[0], {**ROWS[1], "id": ROWS[0]["id"]})
        with pytest.raises(IntegrityError):
            session.commit()
    assert stored(factory) == []


def test_an_omitted_column_gets_its_python_side_default(factory):
    with factory() as session:
        write_later(session, WRITE, *({k: v for k, v in row.items() if k != "note"} for row in ROWS[:2]))
        session.commit()
    assert [row["note"] for row in stored(factory)] == ["none", "none"]


def test_a_deferred_upsert_replaces_the_row(factory):
    with factory() as session:
        write_later(session, WRITE, ROWS[0])
        session.commit()
    with factory() as session:
        replace_later(session, things, {**ROWS[0], "name": "改名", "active": False})
        replace_later(session, things, ROWS[1])
        session.commit()
    rows = stored(factory)
    assert [(r["id"], r["name"], r["active"]) for r in rows] == [(1, "改名", False), (2, "団体2", True)]


def test_a_driver_statement_of_one_parameter_gives_a_one_value_tuple():
    statement = DriverStatement(sqlite.dialect(),
                                select(things.c.id).where(things.c.name == bindparam("name")))
    assert statement.parameters({"name": "団体"}) == ("団体",)


def test_a_driver_statement_without_parameters_gives_an_empty_tuple():
    assert DriverStatement(sqlite.dialect(), select(things.c.id)).parameters({}) == ()
