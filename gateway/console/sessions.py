"""Console sessions: a random token in an HttpOnly cookie, only its SHA-256 kept here, with an
idle and an absolute expiry, revocable. The CSRF token of a session derives from its token, so
it needs no storage and dies with the session."""
import hashlib
import hmac
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from gateway.console.accounts import Account, account_by_id
from gateway.tables import console_sessions
from services.common.timestamps import as_utc

# last_seen_at is written at most this often per session (the idle expiry is counted in minutes).
TOUCH_RESOLUTION = timedelta(seconds=30)


@dataclass(frozen=True)
class SessionPolicy:
    idle_minutes: float = 30
    absolute_hours: float = 12

    @classmethod
    def from_environment(cls) -> "SessionPolicy":
        return cls(float(os.environ.get("KYODO_CONSOLE_IDLE_MINUTES", "30")),
                   float(os.environ.get("KYODO_CONSOLE_SESSION_HOURS", "12")))


@dataclass(frozen=True)
class Session:
    id: str
    account: Account
    awaiting_second_factor: bool
    csrf_token: str


def open_session(engine: Engine, account_id: str, now: datetime,
                 awaiting_second_factor: bool = False) -> str:
    """A new session's token; it cannot be recovered from what is stored."""
    token = secrets.token_urlsafe(32)
    with engine.begin() as connection:
        connection.execute(insert(console_sessions).values(
            id=str(uuid.uuid4()), token_hash=_hash(token), account_id=account_id, created_at=now,
            last_seen_at=now, awaiting_second_factor=awaiting_second_factor))
    return token


def find_session(engine: Engine, token: str, now: datetime, policy: SessionPolicy) -> Session | None:
    """The live session of this token, its idle clock restarted; None when unknown, revoked,
    idle too long or past its absolute lifetime."""
    if not token:
        return None
    with engine.connect() as connection:
        row = connection.execute(select(console_sessions).where(
            console_sessions.c.token_hash == _hash(token),
            console_sessions.c.revoked_at.is_(None))).first()
    if row is None:
        return None
    last_seen, created = as_utc(row.last_seen_at), as_utc(row.created_at)
    if (now - last_seen > timedelta(minutes=policy.idle_minutes)
            or now - created > timedelta(hours=policy.absolute_hours)):
        return None
    account = account_by_id(engine, row.account_id)
    if now - last_seen >= TOUCH_RESOLUTION:
        with engine.begin() as connection:
            connection.execute(update(console_sessions).where(console_sessions.c.id == row.id)
                               .values(last_seen_at=now))
    return Session(row.id, account, row.awaiting_second_factor, csrf_token_of(token))


def revoke_session(engine: Engine, session_id: str, now: datetime) -> None:
    with engine.begin() as connection:
        connection.execute(update(console_sessions).where(
            console_sessions.c.id == session_id, console_sessions.c.revoked_at.is_(None))
            .values(revoked_at=now))


def csrf_token_of(token: str) -> str:
    return hmac.new(token.encode(), b"kyodo console csrf", hashlib.sha256).hexdigest()


def csrf_matches(session: Session, offered: str | None) -> bool:
    return bool(offered) and hmac.compare_digest(session.csrf_token, offered)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
