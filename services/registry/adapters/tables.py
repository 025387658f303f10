"""Registry's tables (the schema itself is built by the migrations)."""
from sqlalchemy import JSON, Column, DateTime, MetaData, String, Table, Text

from services.common.messaging_tables import messaging_tables

metadata = MetaData()
MESSAGING = messaging_tables(metadata)

organisations = Table(
    "organisations", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_kana", String(200), nullable=False),
    Column("kind", String(50), nullable=False),
    Column("region", String(50), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("description", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
)
