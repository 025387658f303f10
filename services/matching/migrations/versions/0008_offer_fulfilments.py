"""What an offer gave: one fulfilment per offer (quantity, value in yen and its basis, the need
it answered, people reached).

Revision ID: matching_0008
"""
import sqlalchemy as sa
from alembic import op

revision = "matching_0008"
down_revision = "matching_0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "offer_fulfilments",
        sa.Column("offer_id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("quantity", sa.Float, nullable=False),
        sa.Column("unit", sa.String(30), nullable=False),
        sa.Column("value_yen", sa.BigInteger, nullable=False),
        sa.Column("value_basis", sa.String(20), nullable=False),
        sa.Column("need_id", sa.String(36)),
        sa.Column("recipient_id", sa.String(36)),
        sa.Column("region", sa.String(50)),
        sa.Column("people_reached", sa.Integer, nullable=False),
        sa.Column("fulfilled_on", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_offer_fulfilments_organisation", "offer_fulfilments", ["organisation_id"])


def downgrade():
    op.drop_index("ix_offer_fulfilments_organisation", "offer_fulfilments")
    op.drop_table("offer_fulfilments")
