"""Notifications' tables (the schema itself is built by the migrations)."""
from sqlalchemy import (JSON, Boolean, Column, DateTime, ForeignKey, Integer, MetaData, String,
                        Table, Text, Time, UniqueConstraint)

from services.common.messaging_tables import SEQUENCE, messaging_tables

metadata = MetaData()
MESSAGING = messaging_tables(metadata)

# One row per (recipient, topic) so "who hears about region X or field Y" is an index lookup.
subscription_topics = Table(
    "subscription_topics", metadata,
    Column("recipient_id", String(100), primary_key=True),
    Column("topic_kind", String(10), primary_key=True),  # region | field | org | event
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

# Addresses people give notifications (personal data: never copied into events or logs).
contact_addresses = Table(
    "contact_addresses", metadata,
    Column("id", String(36), primary_key=True),
    Column("recipient_id", String(100), nullable=False, index=True),
    Column("channel", String(20), nullable=False),
    Column("address", String(320), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("confirmed_at", DateTime(timezone=True)),
    Column("unsubscribed_at", DateTime(timezone=True)),
)

webhook_endpoints = Table(
    "webhook_endpoints", metadata,
    Column("id", String(36), primary_key=True),
    Column("owner_id", String(100), nullable=False, index=True),
    Column("url", String(2000), nullable=False),
    Column("event_types", JSON, nullable=False),
    Column("description", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False),
    Column("disabled_reason", String(300)),
    Column("disabled_at", DateTime(timezone=True)),
)

webhook_secrets = Table(
    "webhook_secrets", metadata,
    Column("endpoint_id", String(36), ForeignKey("webhook_endpoints.id"), primary_key=True),
    Column("secret", String(100), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True)),
)

deliveries = Table(
    "deliveries", metadata,
    Column("id", String(36), primary_key=True),
    Column("recipient_id", String(100), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("target_id", String(36), nullable=False),
    Column("source_id", String(36), nullable=False),
    Column("kind", String(100), nullable=False),
    Column("content", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("critical", Boolean, nullable=False),
    Column("digest_period", String(20)),
    Column("digest_due_at", DateTime(timezone=True)),
    Column("bypassed", String(200)),
)

preferences = Table(
    "preferences", metadata,
    Column("recipient_id", String(100), primary_key=True),
    Column("language", String(5), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("quiet_start", Time),
    Column("quiet_end", Time),
    Column("channels", JSON, nullable=False),
    Column("daily_cap", Integer),
)

delivery_attempts = Table(
    "delivery_attempts", metadata,
    Column("seq", SEQUENCE, primary_key=True, autoincrement=True),
    Column("delivery_id", String(36), ForeignKey("deliveries.id"), nullable=False, index=True),
    Column("attempted_at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("latency_ms", Integer, nullable=False),
    Column("status_code", Integer),
    Column("error", Text),
)

announcements = Table(
    "announcements", metadata,
    Column("id", String(36), primary_key=True),
    Column("author_id", String(100), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("regions", JSON, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("critical", Boolean, nullable=False),
    Column("public", Boolean, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
)

# Needs as matching announced them, for the public feed (facts only, no person).
posted_needs = Table(
    "posted_needs", metadata,
    Column("need_id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("title", String(300), nullable=False),
    Column("region", String(50), nullable=False),
    Column("slots", Integer, nullable=False),
    Column("posted_at", DateTime(timezone=True), nullable=False, index=True),
)

# notifications_0005: needs no longer open, left out of the feed (a closed one may arrive first)
closed_needs = Table(
    "closed_needs", metadata,
    Column("need_id", String(36), primary_key=True),
    Column("reason", String(20), nullable=False),
)

# Registry's facts for the e-回覧板, from its events: kinds and roster households (ids only).
organisation_kinds = Table(
    "organisation_kinds", metadata,
    Column("organisation_id", String(36), primary_key=True),
    Column("kind", String(50), nullable=False),
)

member_households = Table(
    "member_households", metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False, index=True),
    Column("person_id", String(100), index=True),
)

circulars = Table(
    "circulars", metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("author_id", String(100), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("month", String(7)),
    Column("critical", Boolean, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)

circular_receipts = Table(
    "circular_receipts", metadata,
    Column("circular_id", String(36), ForeignKey("circulars.id"), primary_key=True),
    Column("entry_id", String(36), primary_key=True),
    Column("person_id", String(100), index=True),
    Column("read_at", DateTime(timezone=True)),
)
