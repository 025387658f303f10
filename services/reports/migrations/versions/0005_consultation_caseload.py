"""Consultation caseload read model.

Revision ID: reports_0005
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0005"
down_revision = "reports_0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "consultation_facts",
        sa.Column("consultation_id", sa.String(36), primary_key=True),
        sa.Column("month", sa.String(7), nullable=False, index=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("topics", sa.JSON, nullable=False),
        sa.Column("follow_ups", sa.Integer, nullable=False),
        sa.Column("referrals", sa.Integer, nullable=False),
    )


def downgrade():
    op.drop_table("consultation_facts")
