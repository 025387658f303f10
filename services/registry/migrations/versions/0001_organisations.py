"""Organisations, with the outbox, inbox and dead letters.

Revision ID: registry_0001
"""
import sqlalchemy as sa
from alembic import op

from services.common.migration_ops import create_messaging_tables_v1

revision = "registry_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_messaging_tables_v1(op)
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_kana", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_organisations_listing", "organisations", ["registered_at", "id"])
    op.create_index("ix_organisations_region", "organisations", ["region"])


def downgrade():
    op.drop_table("organisations")
    op.drop_table("dead_letters")
    op.drop_table("inbox")
    op.drop_table("outbox")
