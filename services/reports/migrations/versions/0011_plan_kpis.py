"""Plan KPIs: facts per event, registry's membership rates, talents' age bands, and the
indicators' versioned definitions.

Revision ID: reports_0011
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0011"
down_revision = "reports_0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "kpi_facts",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("measure", sa.String(60), primary_key=True),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
        sa.Column("occurred_on", sa.Date, nullable=False),
        sa.Column("region", sa.String(50)),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("subject_id", sa.String(36)),
    )
    op.create_index("ix_kpi_facts_measure_year", "kpi_facts", ["measure", "fiscal_year"])
    op.create_table(
        "kpi_rates",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("households", sa.Integer, nullable=False),
        sa.Column("rate", sa.Float),
    )
    op.create_table(
        "kpi_talents",
        sa.Column("talent_id", sa.String(36), primary_key=True),
        sa.Column("age_band", sa.String(10), nullable=False),
    )
    op.create_table(
        "kpi_indicator_versions",
        sa.Column("code", sa.String(60), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("defined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("defined_by", sa.String(80), nullable=False),
    )


def downgrade():
    op.drop_table("kpi_indicator_versions")
    op.drop_table("kpi_talents")
    op.drop_table("kpi_rates")
    op.drop_index("ix_kpi_facts_measure_year", "kpi_facts")
    op.drop_table("kpi_facts")
