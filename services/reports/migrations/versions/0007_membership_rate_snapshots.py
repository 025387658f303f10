"""Membership from registry's rate: keep registry's answer per region and day, and drop the
household figures reports used to compute a rate of its own.

Revision ID: reports_0007
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0007"
down_revision = "reports_0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "membership_rate_snapshots",
        sa.Column("region", sa.String(50), primary_key=True),
        sa.Column("as_of", sa.Date, primary_key=True),
        sa.Column("associations", sa.Integer, nullable=False),
        sa.Column("households_in_area", sa.Integer, nullable=False),
        sa.Column("member_households", sa.Integer, nullable=False),
        sa.Column("rate", sa.Float),
    )
    op.drop_table("household_facts")


def downgrade():
    op.create_table(
        "household_facts",
        sa.Column("organisation_id", sa.String(36), primary_key=True),
        sa.Column("measure", sa.String(30), primary_key=True),
        sa.Column("as_of", sa.Date, primary_key=True),
        sa.Column("region", sa.String(50), nullable=False, index=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.drop_table("membership_rate_snapshots")
