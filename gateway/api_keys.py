"""API keys: 256 random bits behind the `kyd_` prefix, shown once, stored as a SHA-256 hash,
each bound to a role, maybe a subject, maybe scopes and an expiry.

The gateway remembers a key it has looked up for KYODO_KEY_CACHE_SECONDS (default 5): the
lookup was a sixth of a read's CPU. A revoked key stops working at once in the gateway process
that revoked it (`forget_id`) and within that time in every other copy.
"""
import hashlib
import os
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from gateway.tables import api_keys
from services.common.actor import ROLES, Actor
from services.common.errors import Conflict
from services.common.timestamps import as_utc

KEY_PREFIX = "kyd_"
ROLES_WITH_SUBJECT = ("organisation", "partner", "citizen")
# Two keys per holder: the one in use and its successor while a client rotates.
HOLDER_SLOTS = (1, 2)
# last_used_at is written at most this often per key and gateway process, not on every request.
LAST_USED_RESOLUTION = timedelta(seconds=60)

TOO_MANY_KEYS = ("この利用者には有効なキーが既に2つあります。古いキーを失効させてから発行してください / "
                 "this holder already has two active keys: revoke one (DELETE /api/v1/api-keys/{id}) "
                 "before issuing another")


@dataclass(frozen=True)
class KeyRecord:
    """What a key allows; no secret."""

    actor: Actor
    scopes: tuple[str, ...] | None  # None: every scope the role allows
    expires_at: datetime | None

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()



def create_key(engine: Engine, role: str, label: str, subject_id: str | None = None,
               scopes: list[str] | None = None, expires_at: datetime | None = None) -> tuple[str, str]:
    """Return (key id, the key itself). The key cannot be recovered later.

    A holder with a subject (role + subject) has at most two active keys: a third is refused
    with Conflict until one is revoked or expires."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role}")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    key_id = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    row = dict(id=key_id, key_hash=_hash(key), role=role, subject_id=subject_id, label=label,
               created_at=now, scopes=sorted(scopes) if scopes is not None else None,
               expires_at=expires_at)
    for _ in range(len(HOLDER_SLOTS) + 1):
        try:
            with engine.begin() as connection:
                if subject_id is not None:
                    row["holder_slot"] = _free_slot(connection, role, subject_id, now)
                connection.execute(insert(api_keys).values(**row))
            return key_id, key
        except IntegrityError:  # a concurrent issue for the same holder took that slot: look again
            continue
    raise Conflict(TOO_MANY_KEYS)


def _free_slot(connection, role: str, subject_id: str, now: datetime) -> int:
    holder = and_(api_keys.c.role == role, api_keys.c.subject_id == subject_id)
    # An expired key gives its slot back.
    connection.execute(update(api_keys).where(holder, api_keys.c.expires_at <= now)
                       .values(holder_slot=None))
    taken = set(connection.execute(select(api_keys.c.holder_slot).where(
        holder, api_keys.c.holder_slot.is_not(None))).scalars())
    free = [slot for slot in HOLDER_SLOTS if slot not in taken]
    if not free:
        raise Conflict(TOO_MANY_KEYS)
    return free[0]


def list_keys(engine: Engine, *, role: str | None = None, subject_id: str | None = None,
              key_id: str | None = None, include_revoked: bool = False) -> list[dict]:
    """Keys without their secrets (nor hashes), newest first, filtered to one holder or key."""
    query = select(api_keys.c.id, api_keys.c.role, api_keys.c.subject_id, api_keys.c.label,
                   api_keys.c.scopes, api_keys.c.created_at, api_keys.c.expires_at,
                   api_keys.c.last_used_at, api_keys.c.revoked_at)
    if role is not None:
        query = query.where(api_keys.c.role == role, api_keys.c.subject_id == subject_id)
    if key_id is not None:
        query = query.where(api_keys.c.id == key_id)
    if not include_revoked:
        query = query.where(api_keys.c.revoked_at.is_(None))
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(api_keys.c.created_at.desc(), api_keys.c.id)).all()
    return [{**row._asdict(), **{name: _maybe_utc(getattr(row, name)) for name in
                                 ("created_at", "expires_at", "last_used_at", "revoked_at")}}
            for row in rows]


def revoke_key(engine: Engine, key_id: str) -> bool:
    """Revoke at once (a second revocation changes nothing); False if there is no such key."""
    with engine.begin() as connection:
        connection.execute(update(api_keys).where(api_keys.c.id == key_id,
                                                  api_keys.c.revoked_at.is_(None))
                           .values(revoked_at=datetime.now(timezone.utc), holder_slot=None))
        return connection.execute(select(api_keys.c.id).where(api_keys.c.id == key_id)).first() is not None


class KeyCache:
    """Answers of `authenticate` by key hash, each kept `seconds` (unknown keys too, so a
    flood of bad keys costs no queries either), at most `size` of them."""

    def __init__(self, seconds: float | None = None, size: int = 10_000, clock=time.monotonic):
        self.seconds = float(os.environ.get("KYODO_KEY_CACHE_SECONDS", "5")) if seconds is None else seconds
        self._size = size
        self._clock = clock
        self._entries: dict[str, tuple[float, KeyRecord | None]] = {}
        self._last_touched: dict[str, float] = {}
        self._lock = threading.Lock()

    def authenticate(self, engine: Engine, key: str) -> KeyRecord | None:
        if not key.startswith(KEY_PREFIX):
            return None
        digest = _hash(key)
        now = self._clock()
        with self._lock:
            cached = self._entries.get(digest)
        if cached is not None and cached[0] > now:
            record = cached[1]
        else:
            record = _look_up(engine, digest)
            if self.seconds > 0:
                self._remember(digest, record, now)
        if record is not None and not record.expired(datetime.now(timezone.utc)):
            self._touch(engine, record.actor.key_id, now)
        return record

    def _remember(self, digest: str, record: KeyRecord | None, now: float) -> None:
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
                if len(self._entries) >= self._size:
                    self._entries.clear()
            self._entries[digest] = (now + self.seconds, record)

    def _touch(self, engine: Engine, key_id: str, now: float) -> None:
        """Record the key's use, at most once per LAST_USED_RESOLUTION in this process."""
        with self._lock:
            if now - self._last_touched.get(key_id, -float("inf")) < LAST_USED_RESOLUTION.total_seconds():
                return
            if len(self._last_touched) >= self._size:
                self._last_touched.clear()
            self._last_touched[key_id] = now
        touch_key(engine, key_id)

    def forget_id(self, key_id: str) -> None:
        """Drop a revoked key at once (its cache entry is found by id: the secret is gone)."""
        with self._lock:
            self._entries = {digest: entry for digest, entry in self._entries.items()
                             if entry[1] is None or entry[1].actor.key_id != key_id}


def touch_key(engine: Engine, key_id: str) -> None:
    now = datetime.now(timezone.utc)
    with engine.begin() as connection:
        # Other gateway copies touch the same key: only the first write in a window lands.
        connection.execute(update(api_keys).where(
            api_keys.c.id == key_id,
            or_(api_keys.c.last_used_at.is_(None), api_keys.c.last_used_at < now - LAST_USED_RESOLUTION))
            .values(last_used_at=now))


def _look_up(engine: Engine, digest: str) -> KeyRecord | None:
    with engine.connect() as connection:
        row = connection.execute(select(api_keys).where(
            api_keys.c.key_hash == digest, api_keys.c.revoked_at.is_(None))).first()
    if row is None:
        return None
    return KeyRecord(Actor(role=row.role, subject_id=row.subject_id, key_id=row.id),
                     tuple(row.scopes) if row.scopes is not None else None, _maybe_utc(row.expires_at))


def _maybe_utc(moment: datetime | None) -> datetime | None:
    return as_utc(moment) if moment is not None else None
