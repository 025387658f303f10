"""API keys: shown once, stored as a SHA-256 hash, each bound to a role and maybe a subject."""
import hashlib
import secrets
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


def authenticate(engine: Engine, key: str) -> Actor | None:
    if not key.startswith(KEY_PREFIX):
        return None
    with engine.connect() as connection:
        row = connection.execute(select(api_keys).where(
            api_keys.c.key_hash == _hash(key), api_keys.c.revoked_at.is_(None))).first()
    return Actor(role=row.role, subject_id=row.subject_id, key_id=row.id) if row else None
