"""Statements compiled once and run on the driver's own connection.

A POST's idempotency record is two one-row transactions, and through SQLAlchemy's execution
path (connection, execution context, result and transaction objects) they cost three times the
SQLite work itself (0.137 against 0.044 ms of CPU in-process); deferred writes on SQLite spent a
fifth of a bulk registration building each row's parameters again. A DriverStatement is compiled
by SQLAlchemy for the engine's dialect once — the same SQL, the same parameter conversions (a
SQLite datetime as SQLAlchemy writes it, JSON serialised) — and its parameters are then built
per row without it. `run_in_transaction` runs it on the pooled DBAPI connection, where errors are
the driver's own, not SQLAlchemy's wrappers.
"""
from operator import itemgetter

from sqlalchemy.engine import Engine


class DriverStatement:
    def __init__(self, dialect, statement, column_keys: list[str] | None = None):
        compiled = statement.compile(dialect=dialect, column_keys=column_keys)
        self.sql = compiled.string
        # Columns whose Python-side defaults SQLAlchemy would compute per execution: this class
        # does not, so a caller with such a statement executes it through SQLAlchemy instead.
        self.needs_defaults = bool(compiled.insert_prefetch or compiled.update_prefetch)
        # qmark drivers (sqlite3) take a tuple in this order; named ones (psycopg2) a dict.
        self._order = compiled.positiontup
        # Values the statement carries itself (`.values(lease_expires_at=None)`).
        self._fixed = {name: bind.value for name, bind in compiled.binds.items() if not bind.required}
        self._convert = {}
        for name, bind in compiled.binds.items():
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                self._convert[name] = process
        if self._order is not None:
            # A row's values picked in one C call, and only the positions that need it converted:
            # executemany over many rows spends its Python time here.
            order = self._order  # itemgetter of one name returns the value, of none cannot be made
            self._pick = (itemgetter(*order) if len(order) > 1
                          else (lambda values: (values[order[0]],)) if order else (lambda values: ()))
            self._converting = [(i, self._convert[name]) for i, name in enumerate(order) if name in self._convert]

    def parameters(self, values: dict):
        if self._fixed:
            values = {**self._fixed, **values}
        if self._order is None:
            return {name: self._convert[name](value) if name in self._convert else value
                    for name, value in values.items()}
        picked = self._pick(values)
        if not self._converting:
            return picked
        picked = list(picked)
        for i, process in self._converting:
            picked[i] = process(picked[i])
        return tuple(picked)


def run_in_transaction(engine: Engine, statement: DriverStatement, values: dict) -> None:
    """Execute and commit. Driver errors propagate, the transaction rolled back."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(statement.sql, statement.parameters(values))
        finally:
            cursor.close()
        connection.commit()
    except BaseException:
        try:
            connection.rollback()
        except Exception:
            connection.invalidate()  # a connection that cannot roll back goes, not back to the pool
        raise
    finally:
        connection.close()  # back to the pool
