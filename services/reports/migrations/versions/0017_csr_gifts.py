"""Gifts in the CSR ledger: a line per fulfilled offer carries its value in yen and the basis of
that value; staff-hours and gift lines carry the people they reached.

Revision ID: reports_0017
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0017"
down_revision = "reports_0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("csr_ledger_lines") as batch:
        batch.add_column(sa.Column("value_yen", sa.BigInteger, nullable=True))
        batch.add_column(sa.Column("value_basis", sa.String(20), nullable=True))
        batch.add_column(sa.Column("people_reached", sa.Integer, nullable=False, server_default="0"))


def downgrade():
    with op.batch_alter_table("csr_ledger_lines") as batch:
        batch.drop_column("people_reached")
        batch.drop_column("value_basis")
        batch.drop_column("value_yen")
