"""Outbox, inbox, dead-letter and audit tables that every service keeps in its own database."""
from dataclasses import dataclass

from sqlalchemy import (JSON, BigInteger, Column, DateTime, Index, Integer, MetaData, String,
                        Table, Text)

from services.common.audit_table import audit_log_table

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL wants BIGINT for a busy outbox.
SEQUENCE = BigInteger().with_variant(Integer(), "sqlite")


@dataclass(frozen=True)
class MessagingTables:
    outbox: Table
    inbox: Table
    dead_letters: Table
    audit_log: Table


def messaging_tables(metadata: MetaData) -> MessagingTables:
    outbox = Table(
        "outbox", metadata,
        Column("seq", SEQUENCE, primary_key=True, autoincrement=True),
        Column("message_id", String(36), nullable=False, unique=True),
        Column("type", String(100), nullable=False),
        Column("envelope", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("available_at", DateTime(timezone=True), nullable=False),
        Column("sent_at", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False, default=0),
        Column("last_error", Text),
        Column("traceparent", String(55)),
        Column("municipality_code", String(6)),
    )
    Index("ix_outbox_unsent", outbox.c.seq,
          postgresql_where=outbox.c.sent_at.is_(None),
          sqlite_where=outbox.c.sent_at.is_(None))
    Index("ix_outbox_sent_at", outbox.c.sent_at,
          postgresql_where=outbox.c.sent_at.isnot(None),
          sqlite_where=outbox.c.sent_at.isnot(None))
    inbox = Table(
        "inbox", metadata,
        Column("message_id", String(36), primary_key=True),
        Column("type", String(100), nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False),
        Column("municipality_code", String(6)),
    )
    Index("ix_inbox_processed_at", inbox.c.processed_at)
    dead_letters = Table(
        "dead_letters", metadata,
        Column("id", SEQUENCE, primary_key=True, autoincrement=True),
        Column("message_id", String(36), nullable=False),
        Column("type", String(100), nullable=False),
        Column("error", Text, nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("body", Text, nullable=False),
        Column("headers", JSON, nullable=False),
        Column("dead_at", DateTime(timezone=True), nullable=False),
        Column("replayed_at", DateTime(timezone=True)),
    )
    return MessagingTables(outbox, inbox, dead_letters, audit_log_table(metadata))
