"""Reports' read models (the schema itself is built by the migrations)."""
from sqlalchemy import JSON, Column, Date, DateTime, Float, Integer, MetaData, String, Table

from services.common.messaging_tables import messaging_tables

metadata = MetaData()
MESSAGING = messaging_tables(metadata)

organisation_facts = Table(
    "organisation_facts", metadata,
    Column("organisation_id", String(36), primary_key=True),
    Column("region", String(50), nullable=False),
    Column("status", String(20), nullable=False, default="verified"),  # reports_0002
)

need_facts = Table(
    "need_facts", metadata,
    Column("need_id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("region", String(50), nullable=False),
)

# reports_0003: facility use, from registry.facility_* and registry.booking_* events
facility_facts = Table(
    "facility_facts", metadata,
    Column("facility_id", String(36), primary_key=True),
    Column("region", String(50), nullable=False),
    Column("rooms", Integer, nullable=False),
    Column("managing_organisation_id", String(36)),
)

booking_facts = Table(
    "booking_facts", metadata,
    Column("booking_id", String(36), primary_key=True),
    Column("facility_id", String(36), nullable=False),
    Column("room_id", String(36), nullable=False),
    Column("organisation_id", String(36), nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("month", String(7), nullable=False),
    Column("status", String(20), nullable=False),
)

# reports_0004: newcomers who asked to be introduced to an association
newcomer_interest_facts = Table(
    "newcomer_interest_facts", metadata,
    Column("interest_id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("region", String(50), nullable=False),
)

# reports_0005: consultation caseload, from registry.consultation_* events
consultation_facts = Table(
    "consultation_facts", metadata,
    Column("consultation_id", String(36), primary_key=True),
    Column("month", String(7), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("status_at", DateTime(timezone=True), nullable=False),
    Column("topics", JSON, nullable=False),
    Column("follow_ups", Integer, nullable=False),
    Column("referrals", Integer, nullable=False),
)

# reports_0006: ties between organisations (P1.1.2 networks)
tie_facts = Table(
    "tie_facts", metadata,
    Column("tie_id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("related_organisation_id", String(36), nullable=False),
    Column("kind", String(30), nullable=False),
)

roster_facts = Table(  # reports_0006 too: roster sizes (no names)
    "roster_facts", metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("role", String(20), nullable=False),
)

# reports_0007: registry's membership rate per region as of a day (replaces household_facts)
membership_rate_snapshots = Table(
    "membership_rate_snapshots", metadata,
    Column("region", String(50), primary_key=True),
    Column("as_of", Date, primary_key=True),
    Column("associations", Integer, nullable=False),
    Column("households_in_area", Integer, nullable=False),
    Column("member_households", Integer, nullable=False),
    Column("rate", Float),
)
