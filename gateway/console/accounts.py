"""Console accounts: a normalised e-mail, an argon2id password hash, the role and subject an API
key would carry, an optional TOTP secret, and a lock-out after repeated failures."""
import hmac
import os
import unicodedata
from collections.abc import Callable
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from gateway.tables import console_accounts
from services.common.actor import ROLES
from services.common.errors import Conflict, invalid
from services.common.timestamps import as_utc

MIN_PASSWORD_LENGTH = 12
# Service accounts are API keys; people log in.
ACCOUNT_ROLES = tuple(role for role in ROLES if role != "service")

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# A hash or a check costs 0.4-0.8 s of CPU on this machine. Callers under an event loop pass a
# runner that moves it to an OS thread (argon2-cffi releases the GIL), so other requests go on.
Offload = Callable[..., object]


def _in_place(function, *args):
    return function(*args)
# Checked against when the e-mail is unknown, so both answers take as long.
_UNKNOWN_ACCOUNT_HASH = _hasher.hash(uuid.uuid4().hex)


@dataclass(frozen=True)
class Account:
    id: str
    email: str
    role: str
    subject_id: str | None
    totp_secret: str | None

    @property
    def needs_second_factor(self) -> bool:
        return self.totp_secret is not None


@dataclass(frozen=True)
class LockoutPolicy:
    failures: int = 5
    minutes: float = 15

    @classmethod
    def from_environment(cls) -> "LockoutPolicy":
        return cls(int(os.environ.get("KYODO_CONSOLE_LOCKOUT_FAILURES", "5")),
                   float(os.environ.get("KYODO_CONSOLE_LOCKOUT_MINUTES", "15")))


class LoginRefused(Exception):
    """Why a login was refused: "credentials" (never says which half was wrong) or "locked"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def normalise_email(email: str) -> str:
    """Full-width letters and case do not make another address."""
    return unicodedata.normalize("NFKC", email).strip().lower()


def create_account(engine: Engine, email: str, password: str, role: str, now: datetime,
                   subject_id: str | None = None, totp_secret: str | None = None,
                   offload: Offload = _in_place) -> str:
    email = normalise_email(email)
    if "@" not in email.strip("@") or len(email) > 254:
        raise invalid(email="メールアドレスの形式ではありません / not an e-mail address")
    check_new_password(password)
    if role not in ACCOUNT_ROLES:
        raise invalid(role=f"{', '.join(ACCOUNT_ROLES)} のいずれか / one of {', '.join(ACCOUNT_ROLES)}")
    account_id = str(uuid.uuid4())
    try:
        with engine.begin() as connection:
            connection.execute(insert(console_accounts).values(
                id=account_id, email=email, password_hash=offload(_hasher.hash, password), role=role,
                subject_id=subject_id, totp_secret=totp_secret, failed_attempts=0, created_at=now))
    except IntegrityError as exc:
        raise Conflict("このメールアドレスのアカウントは既にあります / an account with this e-mail "
                       "already exists") from exc
    return account_id


def check_new_password(password: str, field: str = "password") -> None:
    """The rules every new password meets, at account creation and at a reset."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise invalid(**{field: f"{MIN_PASSWORD_LENGTH} 文字以上にしてください / at least "
                                f"{MIN_PASSWORD_LENGTH} characters"})


def hash_password(password: str, offload: Offload = _in_place) -> str:
    return offload(_hasher.hash, password)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def check_password(engine: Engine, email: str, password: str, now: datetime,
                   policy: LockoutPolicy, offload: Offload = _in_place) -> Account:
    """The account, or LoginRefused. A locked account is refused without looking at the password."""
    row = _row(engine, console_accounts.c.email == normalise_email(email))
    if row is None:
        offload(_verify, _UNKNOWN_ACCOUNT_HASH, password)
        raise LoginRefused("credentials")
    if row.locked_until is not None and as_utc(row.locked_until) > now:
        raise LoginRefused("locked")
    if not offload(_verify, row.password_hash, password):
        raise LoginRefused(record_failure(engine, row.id, now, policy))
    rehashed = offload(_hasher.hash, password) if _hasher.check_needs_rehash(row.password_hash) else None
    _reset_failures(engine, row.id, rehashed)
    return _account(row)


def check_totp(engine: Engine, account: Account, code: str, now: datetime,
               policy: LockoutPolicy) -> None:
    """A code of the current 30-second step or its neighbours, once (a code seen in transit
    cannot be replayed); a wrong or used one counts as a failure."""
    row = _row(engine, console_accounts.c.id == account.id)
    if row.locked_until is not None and as_utc(row.locked_until) > now:
        raise LoginRefused("locked")
    step = _totp_step(account.totp_secret, code.strip(), now)
    if step is None or (row.totp_last_step is not None and step <= row.totp_last_step):
        raise LoginRefused(record_failure(engine, account.id, now, policy))
    _reset_failures(engine, account.id, None, totp_last_step=step)


def _totp_step(secret: str, code: str, now: datetime) -> int | None:
    """The 30-second step (of now and its two neighbours) whose code this is, if any."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def record_failure(engine: Engine, account_id: str, now: datetime, policy: LockoutPolicy) -> str:
    """Count a failure; the policy's n-th in a row locks the account. Returns the refusal reason."""
    with engine.begin() as connection:
        connection.execute(update(console_accounts).where(console_accounts.c.id == account_id)
                           .values(failed_attempts=console_accounts.c.failed_attempts + 1))
        failures = connection.execute(select(console_accounts.c.failed_attempts).where(
            console_accounts.c.id == account_id)).scalar_one()
        if failures < policy.failures:
            return "credentials"
        connection.execute(update(console_accounts).where(console_accounts.c.id == account_id)
                           .values(failed_attempts=0,
                                   locked_until=now + timedelta(minutes=policy.minutes)))
    return "locked"


def account_by_id(engine: Engine, account_id: str) -> Account | None:
    row = _row(engine, console_accounts.c.id == account_id)
    return _account(row) if row is not None else None


def _reset_failures(engine: Engine, account_id: str, new_hash: str | None, **more) -> None:
    values = {"failed_attempts": 0, "locked_until": None, **more}
    if new_hash is not None:  # the library's parameters grew since the old hash was made
        values["password_hash"] = new_hash
    with engine.begin() as connection:
        connection.execute(update(console_accounts).where(console_accounts.c.id == account_id)
                           .values(**values))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _row(engine: Engine, condition):
    with engine.connect() as connection:
        return connection.execute(select(console_accounts).where(condition)).first()


def _account(row) -> Account:
    return Account(row.id, row.email, row.role, row.subject_id, row.totp_secret)
