"""The audit log every service keeps in its own database: append-only, one row per write and
per operator read of personal data."""
from sqlalchemy import (JSON, BigInteger, Column, DateTime, Index, Integer, MetaData, String,
                        Table, Text)


def audit_log_table(metadata: MetaData) -> Table:
    table = Table(
        "audit_log", metadata,
        Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("kind", String(10), nullable=False),
        Column("action", String(100), nullable=False),
        Column("key_id", String(100)),
        Column("role", String(20), nullable=False),
        Column("subject_id", String(100)),
        Column("correlation_id", String(100)),
        Column("object_ids", Text, nullable=False),
        Column("personal_fields", JSON, nullable=False),
    )
    Index("ix_audit_log_at", table.c.at)
    return table
