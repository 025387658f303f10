"""Reports' read models (the schema itself is built by the migrations)."""
from sqlalchemy import (JSON, BigInteger, Column, Date, DateTime, Float, Integer, LargeBinary, MetaData,
                        String, Table)

from services.common.messaging_tables import SEQUENCE, messaging_tables

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

# reports_0008: the CSR ledger (matching's offer, staff and need facts; one line per source)
csr_offer_facts = Table(
    "csr_offer_facts", metadata,
    Column("offer_id", String(36), primary_key=True),
    Column("partner_id", String(36), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("regions", JSON, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("starts", Date, nullable=False),
    Column("quantity", Float),
    Column("unit", String(20)),
)

csr_staff_facts = Table(
    "csr_staff_facts", metadata,
    Column("talent_id", String(36), primary_key=True),
    Column("offer_id", String(36)),
)

csr_need_facts = Table(
    "csr_need_facts", metadata,
    Column("need_id", String(36), primary_key=True),
    Column("organisation_id", String(36), nullable=False),
    Column("region", String(50), nullable=False),
    Column("fields", JSON, nullable=False),
)

csr_ledger_lines = Table(
    "csr_ledger_lines", metadata,
    Column("line_id", String(36), primary_key=True),
    Column("partner_id", String(36), nullable=False),
    Column("fiscal_year", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("source_event_ids", JSON, nullable=False),
    Column("offer_id", String(36)),
    Column("offer_kind", String(20)),
    Column("talent_id", String(36)),
    Column("organisation_id", String(36)),
    Column("regions", JSON, nullable=False),
    Column("hours", Float, nullable=False),
    Column("quantity", Float),
    Column("unit", String(20)),
    Column("sdgs", JSON, nullable=False),
    # reports_0017: gifts (fulfilled offers) and the people lines reached
    Column("value_yen", BigInteger),
    Column("value_basis", String(20)),
    Column("people_reached", Integer, nullable=False, server_default="0"),
)

partner_headcounts = Table(
    "partner_headcounts", metadata,
    Column("partner_id", String(36), primary_key=True),
    Column("headcount", Integer, nullable=False),
)

# reports_0009: report jobs and the files the worker generated for them
report_jobs = Table(
    "report_jobs", metadata,
    Column("job_id", String(36), primary_key=True),
    Column("report_kind", String(30), nullable=False),
    Column("requested_by", String(80), nullable=False),
    Column("partner_id", String(36), index=True),
    Column("fiscal_year", Integer),
    Column("formats", JSON, nullable=False),
    Column("title_name", String(200)),
    Column("status", String(20), nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("as_of", Date),
    Column("survey_id", String(36)),
)

report_files = Table(
    "report_files", metadata,
    Column("job_id", String(36), primary_key=True),
    Column("format", String(10), primary_key=True),
    Column("content_type", String(100), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("content", LargeBinary, nullable=False),
)

# reports_0010: every event reports applied, in the order it applied them: the source a replay
# rebuilds the read models from and that a figure drills down to.
event_log = Table(
    "event_log", metadata,
    Column("seq", SEQUENCE, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("type", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("payload", JSON, nullable=False),
)

# What a replay rebuilds: every table fed by events alone (not jobs, files or declared headcounts).
READ_MODEL_TABLES = (organisation_facts, need_facts, facility_facts, booking_facts,
                     newcomer_interest_facts, consultation_facts, tie_facts, roster_facts,
                     membership_rate_snapshots, csr_offer_facts, csr_staff_facts, csr_need_facts,
                     csr_ledger_lines)

# reports_0011: plan KPIs — facts per event (what each adds to a measure), registry's membership
# rates, talents' age bands (youth share), and the indicators' versioned definitions.
kpi_facts = Table(
    "kpi_facts", metadata,
    Column("event_id", String(36), primary_key=True),
    Column("measure", String(60), primary_key=True),
    Column("fiscal_year", Integer, nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("region", String(50)),
    Column("value", Float, nullable=False),
    Column("subject_id", String(36)),
)

kpi_rates = Table(
    "kpi_rates", metadata,
    Column("event_id", String(36), primary_key=True),
    Column("region", String(50), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("households", Integer, nullable=False),
    Column("rate", Float),
)

kpi_talents = Table(
    "kpi_talents", metadata,
    Column("talent_id", String(36), primary_key=True),
    Column("age_band", String(10), nullable=False),
)

kpi_indicator_versions = Table(
    "kpi_indicator_versions", metadata,
    Column("code", String(60), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("definition", JSON, nullable=False),
    Column("defined_at", DateTime(timezone=True), nullable=False),
    Column("defined_by", String(80), nullable=False),
)

# reports_0018: the facts rolled up per measure, region and day (kept with each fact, in its
# transaction), and the day each subject a DISTINCT measure counts first appeared in a region and
# fiscal year: the plan KPIs read these instead of scanning every fact. No region is ''.
NO_REGION = ""
kpi_daily = Table(
    "kpi_daily", metadata,
    Column("measure", String(60), primary_key=True),
    Column("region", String(50), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("fiscal_year", Integer, nullable=False),
    Column("facts", BigInteger, nullable=False),
    Column("total", Float, nullable=False),
)

kpi_daily_subjects = Table(
    "kpi_daily_subjects", metadata,
    Column("measure", String(60), primary_key=True),
    Column("fiscal_year", Integer, primary_key=True),
    Column("region", String(50), primary_key=True),
    Column("subject_id", String(36), primary_key=True),
    Column("first_on", Date, nullable=False),
)

READ_MODEL_TABLES = (*READ_MODEL_TABLES, kpi_facts, kpi_rates, kpi_talents, kpi_daily, kpi_daily_subjects)

# reports_0012: business surveys (questions as JSON), invitations, one answer per business, and
# the public partner directory (consented listings only)
surveys = Table(
    "surveys", metadata,
    Column("survey_id", String(36), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("description", String(2000), nullable=False),
    Column("questions", JSON, nullable=False),
    Column("status", String(10), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("opened_at", DateTime(timezone=True)),
    Column("closed_at", DateTime(timezone=True)),
)

survey_invitations = Table(
    "survey_invitations", metadata,
    Column("survey_id", String(36), primary_key=True),
    Column("partner_id", String(36), primary_key=True),
)

survey_responses = Table(
    "survey_responses", metadata,
    Column("survey_id", String(36), primary_key=True),
    Column("partner_id", String(36), primary_key=True),
    Column("answers", JSON, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

directory_listings = Table(
    "directory_listings", metadata,
    Column("partner_id", String(36), primary_key=True),
    Column("display_name", String(100), nullable=False),
    Column("message", String(500), nullable=False),
    Column("source", String(10), nullable=False),
    Column("consented_at", DateTime(timezone=True), nullable=False),
)

# reports_0014: one row per workshop, course, talk or exchange meeting, from
# matching.gathering_* events: who came, how many young people and first-timers (P2.1.2)
gathering_participation = Table(
    "gathering_participation", metadata,
    Column("gathering_id", String(36), primary_key=True),
    Column("organiser_id", String(36), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("region", String(50), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("fiscal_year", Integer, nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("signed_up", Integer, nullable=False),
    Column("attended", Integer, nullable=False),
    Column("youth_attended", Integer, nullable=False),
    Column("first_timers_attended", Integer, nullable=False),
    Column("ideas", Integer, nullable=False),
    Column("follow_ups", Integer, nullable=False),
)
READ_MODEL_TABLES = (*READ_MODEL_TABLES, gathering_participation)

# reports_0014 also: funding programmes and applications, from matching.funding_*
# events, counted per programme, region and fiscal year
funding_programmes = Table(
    "funding_programmes", metadata,
    Column("opportunity_id", String(36), primary_key=True),
    Column("programme", String(200), nullable=False),
    Column("funder", String(200), nullable=False),
    Column("fiscal_year", Integer, nullable=False),
)
funding_application_facts = Table(
    "funding_application_facts", metadata,
    Column("application_id", String(36), primary_key=True),
    Column("programme", String(200), nullable=False),
    Column("region", String(50), nullable=False),
    Column("fiscal_year", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("amount_yen", Integer, nullable=False),
)
READ_MODEL_TABLES = (*READ_MODEL_TABLES, funding_programmes, funding_application_facts)

# reports_0016: the latest final outcome of each notifications delivery, counted per day
# (Japan time), channel and kind
delivery_outcomes = Table(
    "delivery_outcomes", metadata,
    Column("delivery_id", String(36), primary_key=True),
    Column("channel", String(10), nullable=False),
    Column("kind", String(100), nullable=False),
    Column("outcome", String(10), nullable=False),
    Column("day", Date, nullable=False),
    Column("attempts", Integer, nullable=False),
)
READ_MODEL_TABLES = (*READ_MODEL_TABLES, delivery_outcomes)
