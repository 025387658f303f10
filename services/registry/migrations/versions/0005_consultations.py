"""Consultations (相談) at the support center, with follow-ups and referrals.

Revision ID: registry_0005
"""
import sqlalchemy as sa
from alembic import op

revision = "registry_0005"
down_revision = "registry_0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "consultations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("topics", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  index=True),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("coordinator", sa.String(200), nullable=False),
        sa.Column("follow_ups", sa.JSON, nullable=False),
        sa.Column("referrals", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_consultations_listing", "consultations", ["opened_at", "id"])
    op.create_table(
        "consultation_topics",
        sa.Column("topic", sa.String(50), primary_key=True),
        sa.Column("consultation_id", sa.String(36), sa.ForeignKey("consultations.id"),
                  primary_key=True),
    )


def downgrade():
    op.drop_table("consultation_topics")
    op.drop_table("consultations")
