"""The plan-KPI facts rolled up per measure, region and day, and the first day of each subject a
DISTINCT measure counts; filled from the facts already stored.

Revision ID: reports_0018
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0018"
down_revision = "reports_0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "kpi_daily",
        sa.Column("measure", sa.String(60), primary_key=True),
        sa.Column("region", sa.String(50), primary_key=True),  # '' when the fact names none
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
        sa.Column("facts", sa.BigInteger, nullable=False),
        sa.Column("total", sa.Float, nullable=False),
    )
    op.create_table(
        "kpi_daily_subjects",
        sa.Column("measure", sa.String(60), primary_key=True),
        sa.Column("fiscal_year", sa.Integer, primary_key=True),
        sa.Column("region", sa.String(50), primary_key=True),
        sa.Column("subject_id", sa.String(36), primary_key=True),
        sa.Column("first_on", sa.Date, nullable=False),
    )
    op.execute(
        "INSERT INTO kpi_daily (measure, region, day, fiscal_year, facts, total) "
        "SELECT measure, COALESCE(region, ''), occurred_on, MIN(fiscal_year), COUNT(*), SUM(value) "
        "FROM kpi_facts GROUP BY measure, COALESCE(region, ''), occurred_on")
    op.execute(
        "INSERT INTO kpi_daily_subjects (measure, fiscal_year, region, subject_id, first_on) "
        "SELECT measure, fiscal_year, COALESCE(region, ''), subject_id, MIN(occurred_on) "
        "FROM kpi_facts WHERE subject_id IS NOT NULL "
        "GROUP BY measure, fiscal_year, COALESCE(region, ''), subject_id")


def downgrade():
    op.drop_table("kpi_daily_subjects")
    op.drop_table("kpi_daily")
