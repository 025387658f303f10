"""Participation in workshops, courses, talks and exchange meetings (youth, first-timers);
funding programmes and applications per programme, region and fiscal year.

Revision ID: reports_0014
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0014"
down_revision = "reports_0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "gathering_participation",
        sa.Column("gathering_id", sa.String(36), primary_key=True),
        sa.Column("organiser_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("signed_up", sa.Integer, nullable=False),
        sa.Column("attended", sa.Integer, nullable=False),
        sa.Column("youth_attended", sa.Integer, nullable=False),
        sa.Column("first_timers_attended", sa.Integer, nullable=False),
        sa.Column("ideas", sa.Integer, nullable=False),
        sa.Column("follow_ups", sa.Integer, nullable=False),
    )
    op.create_index("ix_gathering_participation_year", "gathering_participation", ["fiscal_year", "region"])

    op.create_table(
        "funding_programmes",
        sa.Column("opportunity_id", sa.String(36), primary_key=True),
        sa.Column("programme", sa.String(200), nullable=False),
        sa.Column("funder", sa.String(200), nullable=False),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
    )
    op.create_table(
        "funding_application_facts",
        sa.Column("application_id", sa.String(36), primary_key=True),
        sa.Column("programme", sa.String(200), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("amount_yen", sa.Integer, nullable=False),
    )
    op.create_index("ix_funding_application_facts_year", "funding_application_facts", ["fiscal_year"])


def downgrade():
    op.drop_table("funding_application_facts")
    op.drop_table("funding_programmes")
    op.drop_table("gathering_participation")
