"""Reports' read models (the schema itself is built by the migrations)."""
from sqlalchemy import Column, MetaData, String, Table

from services.common.messaging_tables import messaging_tables

metadata = MetaData()
MESSAGING = messaging_tables(metadata)

organisation_facts = Table(
    "organisation_facts", metadata,
    Column("organisation_id", String(36), primary_key=True),
    Column("region", String(50), nullable=False),
)

need_facts = Table(
    "need_facts", metadata,
    Column("need_id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("region", String(50), nullable=False),
)
