"""Password reset by e-mail: a single-use random token with an expiry, only its SHA-256 stored.

Using one sets the new password, clears the lock-out and revokes every session of the account
and every other reset link it had. Asking for one answers the same whether the address has an
account or not; the e-mail itself is notifications' to send (templates, SMTP, retries).
"""
import hashlib
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from gateway.console.accounts import Offload, check_new_password, hash_password, normalise_email
from gateway.rate_limit import shared_rate_limiter
from gateway.tables import console_accounts, console_password_resets, console_sessions
from services.common.errors import invalid
from services.common.timestamps import as_utc

LINK_PATH = "/console/password-reset/"


@dataclass(frozen=True)
class ResetPolicy:
    valid_minutes: int = 30
    per_address_per_hour: int = 5
    per_client_per_hour: int = 20
    # Every request is answered after at least this long, known address or not.
    answer_seconds: float = 1.0

    @classmethod
    def from_environment(cls) -> "ResetPolicy":
        env = os.environ
        return cls(int(env.get("KYODO_CONSOLE_RESET_MINUTES", "30")),
                   int(env.get("KYODO_CONSOLE_RESET_PER_ADDRESS_PER_HOUR", "5")),
                   int(env.get("KYODO_CONSOLE_RESET_PER_CLIENT_PER_HOUR", "20")),
                   float(env.get("KYODO_CONSOLE_RESET_ANSWER_SECONDS", "1.0")))


@dataclass(frozen=True)
class IssuedReset:
    account_id: str
    email: str
    token: str  # goes into the e-mail only; never stored, never logged
    expires_at: datetime

    @property
    def link(self) -> str:
        return LINK_PATH + self.token


class ResetRefused(Exception):
    """The token is unknown, used or expired: one answer for all three."""


class ResetLimits:
    """Requests per address and per client (shared by the gateway copies through Redis when
    configured). The address is counted by its hash: the limiter holds no addresses."""

    def __init__(self, policy: ResetPolicy):
        self._by_address = shared_rate_limiter("password-reset-address",
                                               policy.per_address_per_hour / 60,
                                               burst=policy.per_address_per_hour)
        self._by_client = shared_rate_limiter("password-reset-client",
                                              policy.per_client_per_hour / 60,
                                              burst=policy.per_client_per_hour)

    def allow(self, email: str, client: str) -> bool:
        if self._by_client.take(client or "unknown") > 0:
            return False
        return self._by_address.take(_hash(normalise_email(email))) == 0


def looks_like_email(email: str) -> bool:
    email = normalise_email(email)
    local, _, domain = email.partition("@")
    return bool(local) and "." in domain and len(email) <= 254 and " " not in email


def issue(engine: Engine, email: str, now: datetime, policy: ResetPolicy) -> IssuedReset | None:
    """A new link for the account of this address; None when there is no such account."""
    with engine.connect() as connection:
        account = connection.execute(select(console_accounts.c.id, console_accounts.c.email).where(
            console_accounts.c.email == normalise_email(email))).first()
    if account is None:
        return None
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(minutes=policy.valid_minutes)
    with engine.begin() as connection:
        connection.execute(insert(console_password_resets).values(
            id=str(uuid.uuid4()), token_hash=_hash(token), account_id=account.id, created_at=now,
            expires_at=expires_at))
    return IssuedReset(account.id, account.email, token, expires_at)


def is_usable(engine: Engine, token: str, now: datetime) -> bool:
    with engine.connect() as connection:
        return _usable(connection, token, now) is not None


def reset_password(engine: Engine, token: str, password: str, again: str, now: datetime,
                   offload: Offload | None = None) -> str:
    """The account's id once its password is the new one. ResetRefused for a token that is
    not usable; ValidationFailed (the token not used up) for a password that breaks the rules."""
    if not is_usable(engine, token, now):
        raise ResetRefused()
    check_new_password(password)
    if password != again:
        raise invalid(password_again="確認用のパスワードが一致しません / the two passwords differ")
    # Hashed outside the transaction: it takes about half a second.
    new_hash = hash_password(password, offload) if offload else hash_password(password)
    with engine.begin() as connection:
        row = _usable(connection, token, now)
        # Conditional: of two uses racing, one updates the row and the other finds it used.
        if row is None or connection.execute(
                update(console_password_resets).where(
                    console_password_resets.c.id == row.id,
                    console_password_resets.c.used_at.is_(None))
                .values(used_at=now)).rowcount != 1:
            raise ResetRefused()
        account_id = row.account_id
        connection.execute(update(console_accounts).where(console_accounts.c.id == account_id)
                           .values(password_hash=new_hash, failed_attempts=0, locked_until=None))
        connection.execute(update(console_sessions).where(
            console_sessions.c.account_id == account_id, console_sessions.c.revoked_at.is_(None))
            .values(revoked_at=now))
        connection.execute(update(console_password_resets).where(
            console_password_resets.c.account_id == account_id,
            console_password_resets.c.used_at.is_(None)).values(used_at=now))
    return account_id


def _usable(connection, token: str, now: datetime):
    """The reset row of this token if it is neither used nor expired (compared here, in UTC:
    SQLite keeps no time zone)."""
    row = connection.execute(select(console_password_resets).where(
        console_password_resets.c.token_hash == _hash(token))).first()
    if row is None or row.used_at is not None or as_utc(row.expires_at) <= now:
        return None
    return row


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
