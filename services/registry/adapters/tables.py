"""Registry's tables (the schema itself is built by the migrations)."""
from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, ForeignKey, Integer, MetaData,
                        String, Table, Text)

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
    # registry_0002: the profile, review and the search columns
    Column("town", String(100), nullable=False, default=""),
    Column("founded_year", Integer),
    Column("member_count", Integer),
    Column("members_in_city", Integer),
    Column("contacts", JSON),
    Column("legal_form", String(50), nullable=False, default="none"),
    Column("social_business", Boolean, nullable=False, default=False),
    Column("business_activity", Text, nullable=False, default=""),
    Column("status_reason", Text, nullable=False, default=""),
    Column("registered_by", String(100), nullable=False, default=""),
    Column("updated_at", DateTime(timezone=True)),
    Column("name_norm", Text, nullable=False, default=""),
    Column("kana_norm", Text, nullable=False, default=""),
    Column("description_norm", Text, nullable=False, default=""),
    Column("core_norm", Text, nullable=False, default=""),  # the name without its legal form
)

# One row per field of activity, so the field filter is an indexed join on every database.
organisation_fields = Table(
    "organisation_fields", metadata,
    Column("field", String(50), primary_key=True),
    Column("organisation_id", String(36), ForeignKey("organisations.id"), primary_key=True),
)

# The portable n-gram index of japanese_text.index_grams (name, reading, description).
# On PostgreSQL the gram column is COLLATE "C", so one-character terms are a range scan.
organisation_grams = Table(
    "organisation_grams", metadata,
    Column("gram", String(8), primary_key=True),
    Column("organisation_id", String(36), ForeignKey("organisations.id"), primary_key=True),
)

# registry_0012: where each gram stands in the titles (name, core, reading: field 0) and in the
# description (field 1), ordered by position and then the static part of the rank, so a search
# for a frequent term reads its hits best first and stops after one page (see
# organisation_search_stages). gram and name are COLLATE "C" on PostgreSQL (code-point order).
organisation_positions = Table(
    "organisation_positions", metadata,
    Column("gram", String(8), primary_key=True),
    Column("field", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name_length", Integer, primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("organisation_id", String(36), ForeignKey("organisations.id"), primary_key=True),
)

facilities = Table(
    "facilities", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_kana", String(200), nullable=False),
    Column("region", String(50), nullable=False),
    Column("town", String(100), nullable=False),
    Column("address", String(300), nullable=False),
    Column("accessibility", JSON, nullable=False),
    Column("opening_hours", JSON, nullable=False),
    Column("managing_organisation_id", String(36), ForeignKey("organisations.id")),
    Column("designated_from", Date),
    Column("designated_to", Date),
    Column("registered_at", DateTime(timezone=True), nullable=False),
    Column("name_norm", Text, nullable=False),
    Column("kana_norm", Text, nullable=False),
    Column("place_norm", Text, nullable=False),
)

rooms = Table(
    "rooms", metadata,
    Column("id", String(36), primary_key=True),
    Column("facility_id", String(36), ForeignKey("facilities.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String(100), nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("equipment", JSON, nullable=False),
)

# Confirmed bookings of one room never overlap: an exclusion constraint on PostgreSQL
# (btree_gist, tstzrange), a trigger on SQLite (registry_0003). Times are stored in UTC.
bookings = Table(
    "bookings", metadata,
    Column("id", String(36), primary_key=True),
    Column("facility_id", String(36), ForeignKey("facilities.id"), nullable=False),
    Column("room_id", String(36), ForeignKey("rooms.id"), nullable=False),
    Column("organisation_id", String(36), ForeignKey("organisations.id"), nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False),
    Column("attendees", Integer, nullable=False),
    Column("purpose", Text, nullable=False),
    Column("requested_by", String(100), nullable=False),
    Column("reason", Text, nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True)),
)

# registry_0004: neighbourhood associations
association_towns = Table(
    "association_towns", metadata,
    Column("organisation_id", String(36), ForeignKey("organisations.id"), primary_key=True),
    Column("town", String(100), primary_key=True),
    Column("region", String(50), nullable=False),
)

household_figures = Table(
    "household_figures", metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation_id", String(36), ForeignKey("organisations.id"), nullable=False),
    Column("measure", String(30), nullable=False),
    Column("value", Integer, nullable=False),
    Column("as_of", Date, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(100), nullable=False),
)

newcomer_interests = Table(
    "newcomer_interests", metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation_id", String(36), ForeignKey("organisations.id"), nullable=False),
    Column("region", String(50), nullable=False),
    Column("town", String(100), nullable=False),
    Column("registered_by", String(100), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
)

# registry_0005: consultations at the support center (operators only)
consultations = Table(
    "consultations", metadata,
    Column("id", String(36), primary_key=True),
    Column("channel", String(20), nullable=False),
    Column("topics", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("organisation_id", String(36), ForeignKey("organisations.id")),
    Column("person", String(200), nullable=False),
    Column("notes", Text, nullable=False),
    Column("coordinator", String(200), nullable=False),
    Column("follow_ups", JSON, nullable=False),
    Column("referrals", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True)),
)

consultation_topics = Table(
    "consultation_topics", metadata,
    Column("topic", String(50), primary_key=True),
    Column("consultation_id", String(36), ForeignKey("consultations.id"), primary_key=True),
)

# registry_0006: ties between organisations (networks, councils, partners)
organisation_ties = Table(
    "organisation_ties", metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation_id", String(36), ForeignKey("organisations.id"), nullable=False),
    Column("related_organisation_id", String(36), ForeignKey("organisations.id"), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("declared_at", DateTime(timezone=True), nullable=False),
    Column("declared_by", String(100), nullable=False),
)

# registry_0007: officers and members (personal data: per-field visibility)
roster_entries = Table(
    "roster_entries", metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation_id", String(36), ForeignKey("organisations.id"), nullable=False),
    Column("role", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("title", String(100), nullable=False),
    Column("person_id", String(100)),
    Column("email", String(300), nullable=False),
    Column("phone", String(50), nullable=False),
    Column("name_visibility", String(20), nullable=False),
    Column("email_visibility", String(20), nullable=False),
    Column("phone_visibility", String(20), nullable=False),
    Column("joined_on", Date),
    Column("added_at", DateTime(timezone=True), nullable=False),
)
