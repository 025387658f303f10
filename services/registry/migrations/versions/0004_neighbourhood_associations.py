"""Neighbourhood associations: towns covered, household figures with their as-of dates (history
kept, never overwritten), and newcomers' consented interests.

Revision ID: registry_0004
"""
import sqlalchemy as sa
from alembic import op

revision = "registry_0004"
down_revision = "registry_0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "association_towns",
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  primary_key=True),
        sa.Column("town", sa.String(100), primary_key=True),
        sa.Column("region", sa.String(50), nullable=False),
    )
    op.create_index("ix_association_towns_place", "association_towns", ["region", "town"])
    op.create_table(
        "household_figures",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  nullable=False),
        sa.Column("measure", sa.String(30), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.CheckConstraint("value >= 0", name="ck_household_figures_value"),
    )
    op.create_index("ix_household_figures_lookup", "household_figures",
                    ["organisation_id", "measure", "as_of"])
    op.create_table(
        "newcomer_interests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  nullable=False, index=True),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("town", sa.String(100), nullable=False),
        sa.Column("registered_by", sa.String(100), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade():
    op.drop_table("newcomer_interests")
    op.drop_table("household_figures")
    op.drop_table("association_towns")
