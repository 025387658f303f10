"""API keys: shown once, stored as a SHA-256 hash, each bound to a role and maybe a subject.

The gateway remembers a key it has looked up for KYODO_KEY_CACHE_SECONDS (default 5): the
lookup was a sixth of a read's CPU. A key revoked in the database stops working within that
time in every gateway process; `forget` drops it at once in this one.
"""
import hashlib
import os
import secrets
import threading
import time
import uuid
from datetime import datetime, timezone

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from gateway.tables import api_keys
from services.common.actor import ROLES, Actor

KEY_PREFIX = "kyd_"
ROLES_WITH_SUBJECT = ("organisation", "partner", "citizen")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(engine: Engine, role: str, label: str, subject_id: str | None = None) -> tuple[str, str]:
    """Return (key id, the key itself). The key cannot be recovered later."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role}")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    key_id = str(uuid.uuid4())
    with engine.begin() as connection:
        connection.execute(insert(api_keys).values(
            id=key_id, key_hash=_hash(key), role=role, subject_id=subject_id, label=label,
            created_at=datetime.now(timezone.utc)))
    return key_id, key


class KeyCache:
    """Answers of `authenticate` by key hash, each kept `seconds` (unknown keys too, so a
    flood of bad keys costs no queries either), at most `size` of them."""

    def __init__(self, seconds: float | None = None, size: int = 10_000, clock=time.monotonic):
        self.seconds = float(os.environ.get("KYODO_KEY_CACHE_SECONDS", "5")) if seconds is None else seconds
        self._size = size
        self._clock = clock
        self._entries: dict[str, tuple[float, Actor | None]] = {}
        self._lock = threading.Lock()

    def authenticate(self, engine: Engine, key: str) -> Actor | None:
        if not key.startswith(KEY_PREFIX):
            return None
        digest = _hash(key)
        now = self._clock()
        with self._lock:
            cached = self._entries.get(digest)
        if cached is not None and cached[0] > now:
            return cached[1]
        actor = _look_up(engine, digest)
        if self.seconds > 0:
            with self._lock:
                if len(self._entries) >= self._size:
                    self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
                    if len(self._entries) >= self._size:
                        self._entries.clear()
                self._entries[digest] = (now + self.seconds, actor)
        return actor

    def forget(self, key: str) -> None:
        with self._lock:
            self._entries.pop(_hash(key), None)


def authenticate(engine: Engine, key: str) -> Actor | None:
    if not key.startswith(KEY_PREFIX):
        return None
    return _look_up(engine, _hash(key))


def _look_up(engine: Engine, digest: str) -> Actor | None:
    with engine.connect() as connection:
        row = connection.execute(select(api_keys).where(
            api_keys.c.key_hash == digest, api_keys.c.revoked_at.is_(None))).first()
    return Actor(role=row.role, subject_id=row.subject_id, key_id=row.id) if row else None
