"""Organisation and need facts, with the outbox, inbox and dead letters.

Revision ID: reports_0001
"""
import sqlalchemy as sa
from alembic import op

from services.common.migration_ops import create_messaging_tables_v1

revision = "reports_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_messaging_tables_v1(op)
    op.create_table(
        "organisation_facts",
        sa.Column("organisation_id", sa.String(36), primary_key=True),
        sa.Column("region", sa.String(50), nullable=False, index=True),
    )
    op.create_table(
        "need_facts",
        sa.Column("need_id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("region", sa.String(50), nullable=False, index=True),
    )


def downgrade():
    op.drop_table("need_facts")
    op.drop_table("organisation_facts")
    op.drop_table("dead_letters")
    op.drop_table("inbox")
    op.drop_table("outbox")
