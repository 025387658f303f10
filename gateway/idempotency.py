"""Idempotency-Key records: a retried POST gets the first answer, never a second effect.

A record keeps the request's fingerprint, the answer's status and the body a replay needs —
never a secret (an issued API key is stored without it) — for at most RECORD_LIFETIME: a
periodic purge deletes older ones, and an older record is no longer honoured. While the first
request is in flight its record holds a lease; a gateway that crashed mid-request leaves the
lease to run out, and a retry after that takes the record over and forwards again (services
dedupe by request id, so that is safe).
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Engine

from services.common.driver_statements import DriverStatement, run_in_transaction
from gateway.tables import idempotency_records as records
from services.common.errors import Conflict, ValidationFailed
from services.common.timestamps import as_utc

RECORD_LIFETIME = timedelta(hours=24)

# The statements every POST runs, built once: building `insert(...).values(...)` per request
# was a tenth of a write's CPU in the gateway. Values come as parameters at execution; the
# insert and the finish then run as driver statements (_driver_statements).
_THIS_RECORD = (records.c.api_key_id == bindparam("key_id"),
                records.c.idempotency_key == bindparam("key"))
_INSERT = insert(records)
_SELECT = select(records).where(*_THIS_RECORD)
_FINISH = update(records).where(*_THIS_RECORD).values(
    status=bindparam("answer_status"),
    response=bindparam("answer_body", type_=records.c.response.type), lease_expires_at=None)
_DELETE = delete(records).where(*_THIS_RECORD)
_INSERTED = ["api_key_id", "idempotency_key", "request_hash", "created_at", "lease_expires_at"]


@dataclass(frozen=True)
class _DriverStatements:
    """The insert and finish every POST runs, on the driver's connection (driver_statements),
    and the driver's error for a key already taken."""

    insert: DriverStatement
    finish: DriverStatement
    duplicate: type[Exception]


@lru_cache(maxsize=16)
def _driver_statements(dialect) -> _DriverStatements:
    return _DriverStatements(DriverStatement(dialect, _INSERT, _INSERTED), DriverStatement(dialect, _FINISH),
                             dialect.loaded_dbapi.IntegrityError)


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: dict


class StillInFlight(Conflict):
    """The first request with this key is still running; `retry_after` seconds until its lease ends."""

    def __init__(self, retry_after: int):
        super().__init__("同じリクエストを処理中です。しばらくしてから同じキーで再送してください / "
                         "the first request with this key is still in progress: retry with the same "
                         f"key in {retry_after} s")
        self.retry_after = retry_after


def request_fingerprint(method: str, path: str, body: dict) -> str:
    canonical = json.dumps([method, path, body], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()



class IdempotencyStore:
    def __init__(self, engine: Engine, lease_seconds: float = 35.0, clock=None):
        self._engine = engine
        self._lease = timedelta(seconds=lease_seconds)
        self._clock = clock or (lambda: datetime.now(timezone.utc))

    def begin(self, key_id: str, idempotency_key: str, fingerprint: str) -> StoredResponse | None:
        """None: go ahead. A StoredResponse: answer with it. Raises if the key is misused or
        the first request still holds its lease."""
        now = self._clock()
        if self._insert(key_id, idempotency_key, fingerprint, now):
            return None
        row = self._row(key_id, idempotency_key)
        if row is None or as_utc(row.created_at) <= now - RECORD_LIFETIME:
            # Purged meanwhile, or too old to honour: start afresh.
            self._delete(key_id, idempotency_key)
            if self._insert(key_id, idempotency_key, fingerprint, now):
                return None
            raise StillInFlight(int(self._lease.total_seconds()))
        if row.request_hash != fingerprint:
            raise ValidationFailed(
                "同じ Idempotency-Key が別の内容で使われました / Idempotency-Key reused with a different request",
                {"Idempotency-Key": ["already used for a different request"]})
        if row.status is not None:
            return StoredResponse(row.status, row.response)
        lease_end = as_utc(row.lease_expires_at) if row.lease_expires_at else now
        if lease_end > now:
            raise StillInFlight(max(1, int((lease_end - now).total_seconds() + 0.999)))
        if self._take_over(key_id, idempotency_key, row.lease_expires_at, now):
            return None
        raise StillInFlight(int(self._lease.total_seconds()))  # another retry took it first

    def finish(self, key_id: str, idempotency_key: str, response: StoredResponse) -> None:
        run_in_transaction(self._engine, _driver_statements(self._engine.dialect).finish, {
            "key_id": key_id, "key": idempotency_key, "answer_status": response.status,
            "answer_body": response.body})

    def abandon(self, key_id: str, idempotency_key: str) -> None:
        """After a failure on our side the client may retry with the same key."""
        self._delete(key_id, idempotency_key)

    def purge(self) -> int:
        """Delete records older than RECORD_LIFETIME; returns how many."""
        with self._engine.begin() as connection:
            return connection.execute(delete(records).where(
                records.c.created_at <= self._clock() - RECORD_LIFETIME)).rowcount

    def _insert(self, key_id, idempotency_key, fingerprint, now) -> bool:
        statements = _driver_statements(self._engine.dialect)
        try:
            run_in_transaction(self._engine, statements.insert, {
                "api_key_id": key_id, "idempotency_key": idempotency_key,
                "request_hash": fingerprint, "created_at": now, "lease_expires_at": now + self._lease})
            return True
        except statements.duplicate:
            return False

    def _row(self, key_id, idempotency_key):
        with self._engine.connect() as connection:
            return connection.execute(_SELECT, {"key_id": key_id, "key": idempotency_key}).first()

    def _take_over(self, key_id, idempotency_key, old_lease, now) -> bool:
        """Compare and set: of two retries after the lease, one wins."""
        with self._engine.begin() as connection:
            return connection.execute(update(records).where(
                records.c.api_key_id == key_id, records.c.idempotency_key == idempotency_key,
                records.c.status.is_(None),
                records.c.lease_expires_at == old_lease if old_lease is not None
                else records.c.lease_expires_at.is_(None))
                .values(lease_expires_at=now + self._lease, created_at=now)).rowcount == 1

    def _delete(self, key_id, idempotency_key) -> None:
        with self._engine.begin() as connection:
            connection.execute(_DELETE, {"key_id": key_id, "key": idempotency_key})
