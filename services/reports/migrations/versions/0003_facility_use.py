"""Facility use read model: facilities and booking facts from registry's events.

Revision ID: reports_0003
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0003"
down_revision = "reports_0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "facility_facts",
        sa.Column("facility_id", sa.String(36), primary_key=True),
        sa.Column("region", sa.String(50), nullable=False, index=True),
        sa.Column("rooms", sa.Integer, nullable=False),
        sa.Column("managing_organisation_id", sa.String(36)),
    )
    op.create_table(
        "booking_facts",
        sa.Column("booking_id", sa.String(36), primary_key=True),
        sa.Column("facility_id", sa.String(36), nullable=False),
        sa.Column("room_id", sa.String(36), nullable=False),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_index("ix_booking_facts_facility_month", "booking_facts", ["facility_id", "month"])


def downgrade():
    op.drop_table("booking_facts")
    op.drop_table("facility_facts")
