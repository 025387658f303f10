"""Idempotency-Key records: a retried POST gets the first answer, never a second effect."""
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from gateway.tables import idempotency_records as records
from services.common.errors import Conflict, ValidationFailed


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: dict


def request_fingerprint(method: str, path: str, body: dict) -> str:
    canonical = json.dumps([method, path, body], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class IdempotencyStore:
    def __init__(self, engine: Engine):
        self._engine = engine

    def begin(self, key_id: str, idempotency_key: str, fingerprint: str) -> StoredResponse | None:
        """None: go ahead. A StoredResponse: answer with it. Raises if the key is misused."""
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(records).values(
                    api_key_id=key_id, idempotency_key=idempotency_key, request_hash=fingerprint,
                    created_at=datetime.now(timezone.utc)))
            return None
        except IntegrityError:
            pass
        with self._engine.connect() as connection:
            row = connection.execute(select(records).where(
                records.c.api_key_id == key_id, records.c.idempotency_key == idempotency_key)).one()
        if row.request_hash != fingerprint:
            raise ValidationFailed(
                "同じ Idempotency-Key が別の内容で使われました / Idempotency-Key reused with a different request",
                {"Idempotency-Key": ["already used for a different request"]})
        if row.status is None:
            raise Conflict("同じリクエストを処理中です / the first request with this key is still in progress")
        return StoredResponse(row.status, row.response)

    def finish(self, key_id: str, idempotency_key: str, response: StoredResponse) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(records).where(
                records.c.api_key_id == key_id, records.c.idempotency_key == idempotency_key)
                .values(status=response.status, response=response.body))

    def abandon(self, key_id: str, idempotency_key: str) -> None:
        """After a failure on our side the client may retry with the same key."""
        with self._engine.begin() as connection:
            connection.execute(delete(records).where(
                records.c.api_key_id == key_id, records.c.idempotency_key == idempotency_key))
