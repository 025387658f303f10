"""Matching's tables (the schema itself is built by the migrations)."""
from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, String, Table, Text

from services.common.messaging_tables import messaging_tables

metadata = MetaData()
MESSAGING = messaging_tables(metadata)

# Read model of registry's organisations, fed by its events.
known_organisations = Table(
    "known_organisations", metadata,
    Column("organisation_id", String(36), primary_key=True),
    Column("region", String(50), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("status", String(20), nullable=False),
)

needs = Table(
    "needs", metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("kind", String(50), nullable=False),
    Column("region", String(50), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("slots", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("posted_at", DateTime(timezone=True), nullable=False),
)
