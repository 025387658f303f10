"""Notifications' tables (the schema itself is built by the migrations)."""
from sqlalchemy import Column, DateTime, MetaData, String, Table, Text, UniqueConstraint

from services.common.messaging_tables import messaging_tables

metadata = MetaData()
MESSAGING = messaging_tables(metadata)

# One row per (recipient, topic) so "who hears about region X or field Y" is an index lookup.
subscription_topics = Table(
    "subscription_topics", metadata,
    Column("recipient_id", String(100), primary_key=True),
    Column("topic_kind", String(10), primary_key=True),  # region | field
    Column("topic", String(50), primary_key=True),
)

inbox_messages = Table(
    "inbox_messages", metadata,
    Column("id", String(36), primary_key=True),
    Column("recipient_id", String(100), nullable=False),
    Column("source_event_id", String(36), nullable=False),
    Column("title", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("link", String(500), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("read_at", DateTime(timezone=True)),
    UniqueConstraint("recipient_id", "source_event_id", name="uq_inbox_recipient_event"),
)
