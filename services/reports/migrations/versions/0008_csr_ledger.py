"""The CSR ledger: matching's offer, staff and need facts, one ledger line per source (with the
ids of its events), and the headcount each partner declares.

Revision ID: reports_0008
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0008"
down_revision = "reports_0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "csr_offer_facts",
        sa.Column("offer_id", sa.String(36), primary_key=True),
        sa.Column("partner_id", sa.String(36), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("regions", sa.JSON, nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("starts", sa.Date, nullable=False),
        sa.Column("quantity", sa.Float),
        sa.Column("unit", sa.String(20)),
    )
    op.create_table(
        "csr_staff_facts",
        sa.Column("talent_id", sa.String(36), primary_key=True),
        sa.Column("offer_id", sa.String(36)),
    )
    op.create_table(
        "csr_need_facts",
        sa.Column("need_id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
    )
    op.create_table(
        "csr_ledger_lines",
        sa.Column("line_id", sa.String(36), primary_key=True),
        sa.Column("partner_id", sa.String(36), nullable=False),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("occurred_on", sa.Date, nullable=False),
        sa.Column("source_event_ids", sa.JSON, nullable=False),
        sa.Column("offer_id", sa.String(36)),
        sa.Column("offer_kind", sa.String(20)),
        sa.Column("talent_id", sa.String(36)),
        sa.Column("organisation_id", sa.String(36)),
        sa.Column("regions", sa.JSON, nullable=False),
        sa.Column("hours", sa.Float, nullable=False),
        sa.Column("quantity", sa.Float),
        sa.Column("unit", sa.String(20)),
        sa.Column("sdgs", sa.JSON, nullable=False),
    )
    op.create_index("ix_csr_ledger_lines_partner_year", "csr_ledger_lines",
                    ["partner_id", "fiscal_year"])
    op.create_table(
        "partner_headcounts",
        sa.Column("partner_id", sa.String(36), primary_key=True),
        sa.Column("headcount", sa.Integer, nullable=False),
    )


def downgrade():
    op.drop_table("partner_headcounts")
    op.drop_index("ix_csr_ledger_lines_partner_year", "csr_ledger_lines")
    op.drop_table("csr_ledger_lines")
    op.drop_table("csr_need_facts")
    op.drop_table("csr_staff_facts")
    op.drop_table("csr_offer_facts")
