"""Neighbourhood-association household figures and newcomer interests, from registry's events.

Revision ID: reports_0004
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0004"
down_revision = "reports_0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "household_facts",
        sa.Column("organisation_id", sa.String(36), primary_key=True),
        sa.Column("measure", sa.String(30), primary_key=True),
        sa.Column("as_of", sa.Date, primary_key=True),
        sa.Column("region", sa.String(50), nullable=False, index=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.create_table(
        "newcomer_interest_facts",
        sa.Column("interest_id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("region", sa.String(50), nullable=False, index=True),
    )


def downgrade():
    op.drop_table("newcomer_interest_facts")
    op.drop_table("household_facts")
