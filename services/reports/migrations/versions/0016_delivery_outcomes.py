"""Delivery outcomes from notifications.delivered / notifications.delivery_failed: one row per
delivery, counted per day, channel and kind.

Revision ID: reports_0016
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0016"
down_revision = "reports_0015"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "delivery_outcomes",
        sa.Column("delivery_id", sa.String(36), primary_key=True),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(100), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
    )
    op.create_index("ix_delivery_outcomes_day", "delivery_outcomes", ["day"])


def downgrade():
    op.drop_table("delivery_outcomes")
