"""Workshops, courses, talks and exchange meetings with sign-ups; registry's room bookings as
matching hears of them; funding opportunities and applications (and the organisation facts
their eligibility reads).

Revision ID: matching_0005
"""
import sqlalchemy as sa
from alembic import op

revision = "matching_0005"
down_revision = "matching_0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("known_organisations") as batch:
        batch.add_column(sa.Column("founded_year", sa.Integer, nullable=True))
        batch.add_column(sa.Column("legal_form", sa.String(50), nullable=True))
    op.create_table(
        "gatherings",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("organiser_id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("occurrences", sa.JSON, nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("booking_ids", sa.JSON, nullable=False),
        sa.Column("online_url", sa.String(500)),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("seats_taken", sa.Integer, nullable=False),
        sa.Column("target_age_bands", sa.JSON, nullable=False),
        sa.Column("target_regions", sa.JSON, nullable=False),
        sa.Column("target_fields", sa.JSON, nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("fee_yen", sa.Integer, nullable=False),
        sa.Column("signup_opens", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signup_closes", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("refusal_reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.JSON),
        sa.Column("attendance_recorded", sa.Boolean, nullable=False),
        # Only a conditional UPDATE changes seats_taken; the constraint is the last word.
        sa.CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="ck_gatherings_seats"),
    )
    op.create_index("ix_gatherings_listing", "gatherings", ["starts_at", "id"])
    op.create_index("ix_gatherings_running", "gatherings", ["status", "starts_at", "ends_at"])
    op.create_table(
        "gathering_bookings",
        sa.Column("booking_id", sa.String(36), primary_key=True),
        sa.Column("gathering_id", sa.String(36), nullable=False),
    )
    op.create_table(
        "gathering_sign_ups",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("gathering_id", sa.String(36), nullable=False),
        sa.Column("participant", sa.String(60), nullable=False),
        sa.Column("seats", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("signed_up_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("youth", sa.Boolean, nullable=False),
        sa.Column("first_timer", sa.Boolean, nullable=False),
        sa.Column("confirm_by", sa.DateTime(timezone=True)),
        sa.Column("attended", sa.Boolean),
        sa.Column("reminded_for", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_sign_ups_line", "gathering_sign_ups", ["gathering_id", "signed_up_at", "id"])
    op.create_index("ix_sign_ups_participant", "gathering_sign_ups", ["participant"])
    # One active sign-up per person and gathering, even when two arrive at once.
    active = sa.text("status IN ('confirmed', 'waitlisted', 'offered')")
    op.create_index("uq_sign_ups_active", "gathering_sign_ups", ["gathering_id", "participant"], unique=True,
                    sqlite_where=active, postgresql_where=active)
    op.create_index("ix_sign_ups_offers", "gathering_sign_ups", ["status", "confirm_by"])
    op.create_table(
        "known_bookings",
        sa.Column("booking_id", sa.String(36), primary_key=True),
        sa.Column("room_id", sa.String(36), nullable=False),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )

    op.create_table(
        "funding_opportunities",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("funder", sa.String(200), nullable=False),
        sa.Column("programme", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("eligibility", sa.JSON, nullable=False),
        sa.Column("amount_min_yen", sa.Integer, nullable=False),
        sa.Column("amount_max_yen", sa.Integer, nullable=False),
        sa.Column("opens_on", sa.Date, nullable=False),
        sa.Column("closes_on", sa.Date, nullable=False),
        sa.Column("links", sa.JSON, nullable=False),
        sa.Column("remind_days_before", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opening_announced", sa.Boolean, nullable=False),
        sa.Column("closing_reminded", sa.Boolean, nullable=False),
    )
    op.create_index("ix_funding_window", "funding_opportunities", ["closes_on", "opens_on"])
    op.create_table(
        "funding_applications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("opportunity_id", sa.String(36), nullable=False),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("programme", sa.String(200), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("applied_on", sa.Date, nullable=False),
        sa.Column("amount_awarded_yen", sa.Integer),
        sa.Column("decided_on", sa.Date),
        sa.UniqueConstraint("opportunity_id", "organisation_id", name="uq_funding_application_once"),
    )
    op.create_index("ix_funding_applications_organisation", "funding_applications", ["organisation_id"])


def downgrade():
    op.drop_table("funding_applications")
    op.drop_table("funding_opportunities")
    with op.batch_alter_table("known_organisations") as batch:
        batch.drop_column("legal_form")
        batch.drop_column("founded_year")
    op.drop_table("known_bookings")
    op.drop_table("gathering_sign_ups")
    op.drop_table("gathering_bookings")
    op.drop_table("gatherings")
