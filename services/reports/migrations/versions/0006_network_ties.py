"""Ties between organisations and roster sizes, for network figures (P1.1.2, P1.2.3).

Revision ID: reports_0006
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0006"
down_revision = "reports_0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "tie_facts",
        sa.Column("tie_id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("related_organisation_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
    )
    op.create_table(
        "roster_facts",
        sa.Column("entry_id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
    )


def downgrade():
    op.drop_table("roster_facts")
    op.drop_table("tie_facts")
