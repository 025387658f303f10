"""Needs and the organisations read model, with the outbox, inbox and dead letters.

Revision ID: matching_0001
"""
import sqlalchemy as sa
from alembic import op

from services.common.migration_ops import create_messaging_tables_v1

revision = "matching_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_messaging_tables_v1(op)
    op.create_table(
        "known_organisations",
        sa.Column("organisation_id", sa.String(36), primary_key=True),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_table(
        "needs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("slots", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_needs_listing", "needs", ["posted_at", "id"])
    op.create_index("ix_needs_organisation", "needs", ["organisation_id"])


def downgrade():
    op.drop_table("needs")
    op.drop_table("known_organisations")
    op.drop_table("dead_letters")
    op.drop_table("inbox")
    op.drop_table("outbox")
