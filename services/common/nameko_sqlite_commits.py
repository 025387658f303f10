"""SQLite commits that do not stop an eventlet process while they fsync.

SQLite calls run on the hub's own thread: a `synchronous=FULL` commit (an fsync of 5–100 ms)
froze every other request, the relay and the consumers of the process. Here each commit runs in
a real OS thread (eventlet.tpool; sqlite3 releases the GIL) and the caller's green thread waits
for it, so the caller is still answered only after its commit is durable.

While that commit runs, another green thread may begin writing. SQLite has one writer per
database file and its busy handler would then sleep in C on the hub thread, freezing the process
again. So the write lock is taken first in green: a connection takes the file's green lock at
its first write statement and gives it back when its transaction commits or rolls back — the
span SQLite holds its own lock. Waiting for it yields to the hub. One lock per file and process:
two engines of one process on one file (a service and its sender) share it.
"""
import threading
from collections.abc import Callable
from functools import partial

from eventlet import tpool
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

# Readers need no lock in WAL mode; anything else may take SQLite's write lock.
_READS = ("SELECT", "PRAGMA")

_locks: dict[str, "_WriteLock"] = {}
_locks_guard = threading.Lock()


class _WriteLock:
    """A green mutex that knows which DBAPI connection holds it."""

    def __init__(self):
        self._lock = threading.Lock()  # green once eventlet has patched threading
        self.holder = None

    def take(self, connection, timeout: float) -> None:
        if self.holder is connection:
            return
        if not self._lock.acquire(timeout=timeout):
            # What SQLite's busy handler would have said after the same wait.
            raise OperationalError("write lock", None, TimeoutError("database is locked"))
        self.holder = connection

    def give_back(self, connection) -> None:
        if self.holder is connection:
            self.holder = None
            self._lock.release()


def commit_off_the_hub(engine: Engine, busy_timeout: float = 30.0,
                       run_in_thread: Callable = tpool.execute) -> None:
    """Make `engine` (SQLite) commit in an OS thread behind a green per-file write lock."""
    if engine.dialect.name != "sqlite":
        return  # psycopg2 is greened by eventlet: PostgreSQL commits already yield
    with _locks_guard:
        lock = _locks.setdefault(str(engine.url.database), _WriteLock())
    dialect = engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    @event.listens_for(engine, "before_cursor_execute")
    def take_before_writing(connection, _cursor, statement, *_):
        if not statement.lstrip()[:6].upper().startswith(_READS):
            lock.take(connection.connection.dbapi_connection, busy_timeout)

    def do_commit(connection):
        try:
            run_in_thread(partial(commit, connection))
        finally:
            lock.give_back(connection.dbapi_connection)

    def do_rollback(connection):
        try:
            rollback(connection)
        finally:
            lock.give_back(connection.dbapi_connection)

    dialect.do_commit, dialect.do_rollback = do_commit, do_rollback

    @event.listens_for(engine, "reset")
    @event.listens_for(engine, "invalidate")
    def give_back_on_return(dbapi_connection, *_):
        # Back in the pool or broken: whatever this connection held, it holds no more.
        lock.give_back(dbapi_connection)
