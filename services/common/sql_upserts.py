"""INSERT … ON CONFLICT, which both our databases speak, each through its dialect's insert."""
from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from services.common.deferred_writes import write_later


def dialect_insert(dialect: str):
    """The insert construct of `dialect` ("postgresql" or "sqlite"), which has on_conflict_*."""
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


@cache
def insert_or_replace(table: Table, dialect: str):
    """Insert a row, or replace every other column of the row with its primary key. Built once
    per table and dialect, so SQLAlchemy compiles it once."""
    statement = dialect_insert(dialect)(table)
    return statement.on_conflict_do_update(
        index_elements=list(table.primary_key.columns),
        set_={column.name: statement.excluded[column.name] for column in table.c if not column.primary_key})


def replace_later(session: Session, table: Table, row: Mapping[str, Any]) -> None:
    """insert_or_replace `row`, held back with the session's other deferred writes: a batch of
    events that each set one row sends one executemany."""
    write_later(session, insert_or_replace(table, session.get_bind().dialect.name), row)
