"""Talent profiles, needs in depth, matches with their lifecycle, impressions, CSR offers.

Revision ID: matching_0002
"""
import sqlalchemy as sa
from alembic import op

revision = "matching_0002"
down_revision = "matching_0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("known_organisations") as batch:
        batch.add_column(sa.Column("kind", sa.String(50), nullable=True))
    with op.batch_alter_table("needs") as batch:
        batch.add_column(sa.Column("required_skills", sa.JSON, nullable=False, server_default="{}"))
        batch.add_column(sa.Column("preferred_skills", sa.JSON, nullable=False, server_default="{}"))
        batch.add_column(sa.Column("online", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("schedule", sa.JSON, nullable=False, server_default="{}"))
        batch.add_column(sa.Column("youth_friendly", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("first_step", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("effort_hours", sa.Float, nullable=False, server_default="0"))
        # Slots taken; only ever changed by a conditional UPDATE (filled < slots).
        batch.add_column(sa.Column("filled", sa.Integer, nullable=False, server_default="0"))
        batch.create_check_constraint("ck_needs_filled_within_slots", "filled >= 0 AND filled <= slots")
    op.create_index("ix_needs_status", "needs", ["status"])
    op.create_table(
        "talents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("age_band", sa.String(20), nullable=False),
        sa.Column("skills", sa.JSON, nullable=False),
        sa.Column("interests", sa.JSON, nullable=False),
        sa.Column("regions", sa.JSON, nullable=False),
        sa.Column("home_region", sa.String(50)),
        sa.Column("online", sa.Boolean, nullable=False),
        sa.Column("weekly_availability", sa.JSON, nullable=False),
        sa.Column("available_dates", sa.JSON, nullable=False),
        sa.Column("languages", sa.JSON, nullable=False),
        sa.Column("first_timer", sa.Boolean, nullable=False),
        sa.Column("max_hours_per_month", sa.Float, nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("offer_id", sa.String(36)),
        sa.Column("contact_email", sa.String(254)),
        sa.Column("contact_phone", sa.String(30)),
        sa.Column("created_by_request", sa.String(36)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_talents_listing", "talents", ["created_at", "id"])
    op.create_table(
        "matches",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("need_id", sa.String(36), nullable=False),
        sa.Column("talent_id", sa.String(36), nullable=False),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("proposed_by", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("weights_version", sa.String(30)),
        sa.Column("hours", sa.Float),
        sa.Column("feedback", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_matches_need_status", "matches", ["need_id", "status"])
    op.create_index("ix_matches_talent", "matches", ["talent_id", "status"])
    op.create_index("ix_matches_organisation", "matches", ["organisation_id"])
    op.create_index("ix_matches_listing", "matches", ["created_at", "id"])
    op.create_table(
        "match_messages",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("match_id", sa.String(36), nullable=False),
        sa.Column("by", sa.String(20), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_match_messages_match", "match_messages", ["match_id", "sent_at"])
    op.create_table(
        "impressions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("talent_id", sa.String(36), nullable=False),
        sa.Column("need_id", sa.String(36), nullable=False),
        sa.Column("shown_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_impressions_shown_at", "impressions", ["shown_at"])
    op.create_table(
        "offers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("skills", sa.JSON, nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("quantity", sa.Float, nullable=False),
        sa.Column("unit", sa.String(30), nullable=False),
        sa.Column("regions", sa.JSON, nullable=False),
        sa.Column("online", sa.Boolean, nullable=False),
        sa.Column("starts", sa.Date, nullable=False),
        sa.Column("ends", sa.Date, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_offers_organisation", "offers", ["organisation_id"])
    op.create_index("ix_offers_listing", "offers", ["posted_at", "id"])


def downgrade():
    op.drop_table("offers")
    op.drop_table("impressions")
    op.drop_table("match_messages")
    op.drop_table("matches")
    op.drop_table("talents")
    op.drop_index("ix_needs_status", "needs")
    with op.batch_alter_table("needs") as batch:
        batch.drop_constraint("ck_needs_filled_within_slots", type_="check")
        for column in ("filled", "effort_hours", "first_step", "youth_friendly", "schedule",
                       "online", "preferred_skills", "required_skills"):
            batch.drop_column(column)
    with op.batch_alter_table("known_organisations") as batch:
        batch.drop_column("kind")
