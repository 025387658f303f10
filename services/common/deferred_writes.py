"""Row writes a session holds back and sends as one executemany per statement.

A batch of consumed events writes the same few statements once per event: executed one by one,
SQLAlchemy's per-statement work (parameters, cursor, result) was most of what applying an event
cost. A repository hands such a write to `write_later` instead; the rows go out, in the order
they came per statement, just before the session runs any other statement (a read sees them,
a write the session does not hold back is ordered after them) and before it commits. A rollback
drops them with the rest of the transaction.

On SQLite the rows go to the driver's executemany as tuples converted by a statement compiled
once (driver_statements): SQLAlchemy's executemany built each row's parameters again, which was a
fifth of a bulk registration's CPU (its ~34 search-index rows per organisation). PostgreSQL keeps
SQLAlchemy's path, which sends many rows per round trip (insertmanyvalues).

Only for writes whose result nobody reads (no rowcount, no RETURNING), and whose statements'
rows do not depend on one another's order across statements: rows of different statements may
be sent in another order than they were written (by statement, first written first sent).
"""
from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from services.common.driver_statements import DriverStatement

_KEY = "kyodo.deferred_writes"


def write_later(session: Session, statement: Executable, *rows: Mapping[str, Any]) -> None:
    """Execute `statement` with each of `rows` before the session's next statement or commit."""
    pending = session.info.get(_KEY)
    if pending is None:
        pending = session.info[_KEY] = _DeferredWrites(session)
    pending.add(statement, rows)


def flush_deferred_writes(session: Session) -> None:
    """Send what is held back now (a caller about to read past the session, or to commit)."""
    pending = session.info.get(_KEY)
    if pending is not None:
        pending.flush()


class _DeferredWrites:
    def __init__(self, session: Session):
        self._session = session
        self._rows: dict[Executable, list[Mapping[str, Any]]] = {}
        event.listen(session, "do_orm_execute", self._before_statement)
        event.listen(session, "before_commit", self._before_commit)
        event.listen(session, "after_soft_rollback", self._after_rollback)

    def add(self, statement: Executable, rows: tuple[Mapping[str, Any], ...]) -> None:
        self._rows.setdefault(statement, []).extend(rows)

    def flush(self) -> None:
        # Emptied first: the executes below come through _before_statement again.
        rows, self._rows = self._rows, {}
        if not rows:
            return
        connection = self._session.connection()
        for statement, params in rows.items():
            driver = None
            if connection.dialect.name == "sqlite":
                driver = _driver_statement(statement, connection.dialect, tuple(params[0]))
            if driver is None or driver.needs_defaults:
                self._session.execute(statement, params)
            else:  # errors still come wrapped as SQLAlchemy's (IntegrityError, …)
                connection.exec_driver_sql(driver.sql, [driver.parameters(row) for row in params])

    def _before_statement(self, _state) -> None:
        if self._rows:
            self.flush()

    def _before_commit(self, _session) -> None:
        self.flush()

    def _after_rollback(self, _session, _previous_transaction) -> None:
        self._rows = {}


@cache
def _driver_statement(statement: Executable, dialect, column_keys: tuple[str, ...]) -> DriverStatement:
    """Compiled once per statement and set of columns (the statements are module constants)."""
    return DriverStatement(dialect, statement, list(column_keys))
