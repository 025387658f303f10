"""The gateway's own tables: API keys, console accounts and sessions, idempotency records. No
business data."""
from sqlalchemy import (JSON, Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData,
                        String, Table, false)

metadata = MetaData()

api_keys = Table(
    "api_keys", metadata,
    Column("id", String(36), primary_key=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("subject_id", String(36)),
    Column("label", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("scopes", JSON),  # NULL: every scope the role allows
    Column("expires_at", DateTime(timezone=True)),
    Column("last_used_at", DateTime(timezone=True)),
    Column("holder_slot", Integer),  # 1 or 2 while active and bound to a subject
    Index("uq_api_keys_holder_slot", "role", "subject_id", "holder_slot", unique=True),
)

idempotency_records = Table(
    "idempotency_records", metadata,
    Column("api_key_id", String(36), primary_key=True),
    Column("idempotency_key", String(200), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("status", Integer),  # NULL while the first request is still in flight
    Column("response", JSON),  # what a replay answers; never a secret; purged after 24 h
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("lease_expires_at", DateTime(timezone=True)),  # in flight: a retry waits until then
    Index("ix_idempotency_records_created_at", "created_at"),
)

console_accounts = Table(
    "console_accounts", metadata,
    Column("id", String(36), primary_key=True),
    Column("email", String(254), nullable=False, unique=True),  # normalised
    Column("password_hash", String(200), nullable=False),  # argon2id
    Column("role", String(20), nullable=False),
    Column("subject_id", String(36)),
    Column("totp_secret", String(64)),
    Column("totp_last_step", Integer),  # the last code's 30-second step: no code works twice
    Column("failed_attempts", Integer, nullable=False, server_default="0"),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

console_sessions = Table(
    "console_sessions", metadata,
    Column("id", String(36), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("account_id", String(36), ForeignKey("console_accounts.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("awaiting_second_factor", Boolean, nullable=False, server_default=false()),
    Index("ix_console_sessions_account_id", "account_id"),
)

console_password_resets = Table(
    "console_password_resets", metadata,
    Column("id", String(36), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # never the token
    Column("account_id", String(36), ForeignKey("console_accounts.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),  # set once: a link works once
    Index("ix_console_password_resets_account_id", "account_id"),
)
