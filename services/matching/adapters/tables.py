"""Matching's tables (the schema itself is built by the migrations)."""
from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, Float, Index, Integer, JSON, MetaData, String,
                        Table, Text, text)

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
    Column("kind", String(50)),
    Column("founded_year", Integer),  # matching_0003: funding eligibility
    Column("legal_form", String(50)),
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
    Column("required_skills", JSON, nullable=False),
    Column("preferred_skills", JSON, nullable=False),
    Column("online", Boolean, nullable=False),
    Column("schedule", JSON, nullable=False),
    Column("youth_friendly", Boolean, nullable=False),
    Column("first_step", Boolean, nullable=False),
    Column("effort_hours", Float, nullable=False),
    Column("filled", Integer, nullable=False),
)

talents = Table(
    "talents", metadata,
    Column("id", String(36), primary_key=True),
    Column("age_band", String(20), nullable=False),
    Column("skills", JSON, nullable=False),
    Column("interests", JSON, nullable=False),
    Column("regions", JSON, nullable=False),
    Column("home_region", String(50)),
    Column("online", Boolean, nullable=False),
    Column("weekly_availability", JSON, nullable=False),
    Column("available_dates", JSON, nullable=False),
    Column("languages", JSON, nullable=False),
    Column("first_timer", Boolean, nullable=False),
    Column("max_hours_per_month", Float, nullable=False),
    Column("origin", String(20), nullable=False),
    Column("offer_id", String(36)),
    Column("contact_email", String(254)),
    Column("contact_phone", String(30)),
    Column("created_by_request", String(36)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("revision", BigInteger, nullable=False, server_default="0"),  # matching_0012
    Index("ix_talents_revision", "revision"),
)

# One row: the revision of the last transaction that wrote talents, and of the last that deleted
# one (matching_0012). The cached talent pool asks for it on every candidates request.
talents_version = Table(
    "talents_version", metadata,
    Column("id", Integer, primary_key=True),
    Column("revision", BigInteger, nullable=False),
    Column("last_erasure", BigInteger, nullable=False),
)

matches = Table(
    "matches", metadata,
    Column("id", String(36), primary_key=True),
    Column("need_id", String(36), nullable=False),
    Column("talent_id", String(36), nullable=False),
    Column("organisation_id", String(36), nullable=False),
    Column("proposed_by", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("score", Float),
    Column("weights_version", String(30)),
    Column("hours", Float),
    Column("feedback", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

match_messages = Table(
    "match_messages", metadata,
    Column("id", String(36), primary_key=True),
    Column("match_id", String(36), nullable=False),
    Column("by", String(20), nullable=False),
    Column("body", Text, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)

impressions = Table(
    "impressions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("talent_id", String(36), nullable=False),
    Column("need_id", String(36), nullable=False),
    Column("shown_at", DateTime(timezone=True), nullable=False),
)

offers = Table(
    "offers", metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("skills", JSON, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("quantity", Float, nullable=False),
    Column("unit", String(30), nullable=False),
    Column("regions", JSON, nullable=False),
    Column("online", Boolean, nullable=False),
    Column("starts", Date, nullable=False),
    Column("ends", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("posted_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# matching_0008: what an offer gave, recorded once (the primary key keeps it once)
offer_fulfilments = Table(
    "offer_fulfilments", metadata,
    Column("offer_id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("quantity", Float, nullable=False),
    Column("unit", String(30), nullable=False),
    Column("value_yen", BigInteger, nullable=False),
    Column("value_basis", String(20), nullable=False),
    Column("need_id", String(36)),
    Column("recipient_id", String(36)),
    Column("region", String(50)),
    Column("people_reached", Integer, nullable=False),
    Column("fulfilled_on", Date, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_offer_fulfilments_organisation", "organisation_id"),
)

staff_invitations = Table(
    "staff_invitations", metadata,
    Column("id", String(36), primary_key=True),
    Column("offer_id", String(36), nullable=False),
    Column("partner_id", String(36), nullable=False),
    Column("person_id", String(36), nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("answered_at", DateTime(timezone=True)),
)

# Workshops, courses, talks and exchange meetings. `seats_taken` is changed only by a conditional
# UPDATE (seats_taken + n <= capacity), and a check constraint backs it.
gatherings = Table(
    "gatherings", metadata,
    Column("id", String(36), primary_key=True),
    Column("organiser_id", String(36), nullable=False),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("occurrences", JSON, nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("booking_ids", JSON, nullable=False),
    Column("online_url", String(500)),
    Column("capacity", Integer, nullable=False),
    Column("seats_taken", Integer, nullable=False),
    Column("target_age_bands", JSON, nullable=False),
    Column("target_regions", JSON, nullable=False),
    Column("target_fields", JSON, nullable=False),
    Column("region", String(50), nullable=False),
    Column("fee_yen", Integer, nullable=False),
    Column("signup_opens", DateTime(timezone=True), nullable=False),
    Column("signup_closes", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False),
    Column("refusal_reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("outcome", JSON),
    Column("attendance_recorded", Boolean, nullable=False),
)

# Which gathering holds which room booking: one gathering per booking, by primary key.
gathering_bookings = Table(
    "gathering_bookings", metadata,
    Column("booking_id", String(36), primary_key=True),
    Column("gathering_id", String(36), nullable=False),
)

gathering_sign_ups = Table(
    "gathering_sign_ups", metadata,
    Column("id", String(36), primary_key=True),
    Column("gathering_id", String(36), nullable=False),
    Column("participant", String(60), nullable=False),
    Column("seats", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("signed_up_at", DateTime(timezone=True), nullable=False),
    Column("youth", Boolean, nullable=False),
    Column("first_timer", Boolean, nullable=False),
    Column("confirm_by", DateTime(timezone=True)),
    Column("attended", Boolean),
    Column("reminded_for", DateTime(timezone=True)),
    # One active sign-up per person and gathering, even when two arrive at once (migration 0005).
    Index("uq_sign_ups_active", "gathering_id", "participant", unique=True,
          sqlite_where=text("status IN ('confirmed', 'waitlisted', 'offered')"),
          postgresql_where=text("status IN ('confirmed', 'waitlisted', 'offered')")),
)

# Read model of registry's room bookings, fed by its events. A gathering being planned locks
# the row of each booking it names, writing one with status "unheard" and no facts if registry
# has not told of the booking yet (migration 0011).
known_bookings = Table(
    "known_bookings", metadata,
    Column("booking_id", String(36), primary_key=True),
    Column("room_id", String(36)),
    Column("organisation_id", String(36)),
    Column("starts_at", DateTime(timezone=True)),
    Column("ends_at", DateTime(timezone=True)),
    Column("status", String(20), nullable=False),
)

# Each participant's calendar feed version; feed URLs signed for an older one are refused.
calendar_feeds = Table(
    "calendar_feeds", metadata,
    Column("participant", String(60), primary_key=True),
    Column("version", Integer, nullable=False),
)

funding_opportunities = Table(
    "funding_opportunities", metadata,
    Column("id", String(36), primary_key=True),
    Column("funder", String(200), nullable=False),
    Column("programme", String(200), nullable=False),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("eligibility", JSON, nullable=False),
    Column("amount_min_yen", Integer, nullable=False),
    Column("amount_max_yen", Integer, nullable=False),
    Column("opens_on", Date, nullable=False),
    Column("closes_on", Date, nullable=False),
    Column("links", JSON, nullable=False),
    Column("remind_days_before", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("opening_announced", Boolean, nullable=False),
    Column("closing_reminded", Boolean, nullable=False),
)

# One application per organisation and opportunity, by a unique constraint.
funding_applications = Table(
    "funding_applications", metadata,
    Column("id", String(36), primary_key=True),
    Column("opportunity_id", String(36), nullable=False),
    Column("organisation_id", String(36), nullable=False),
    Column("programme", String(200), nullable=False),
    Column("region", String(50), nullable=False),
    Column("status", String(20), nullable=False),
    Column("applied_on", Date, nullable=False),
    Column("amount_awarded_yen", Integer),
    Column("decided_on", Date),
)
