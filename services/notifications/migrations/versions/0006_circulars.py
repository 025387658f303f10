"""The e-回覧板: organisations' kinds and associations' member households as registry's events
tell them (ids only), circulars, and each household's read receipt.

Revision ID: notifications_0006
"""
import sqlalchemy as sa
from alembic import op

revision = "notifications_0006"
down_revision = "notifications_0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "organisation_kinds",
        sa.Column("organisation_id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(50), nullable=False),
    )
    op.create_table(
        "member_households",
        sa.Column("entry_id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False, index=True),
        sa.Column("person_id", sa.String(100), index=True),
    )
    op.create_table(
        "circulars",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("author_id", sa.String(100), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("month", sa.String(7)),
        sa.Column("critical", sa.Boolean, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_circulars_organisation_sent", "circulars",
                    ["organisation_id", "sent_at", "id"])
    op.create_index("ix_circulars_sent", "circulars", ["sent_at", "id"])
    op.create_table(
        "circular_receipts",
        sa.Column("circular_id", sa.String(36), sa.ForeignKey("circulars.id"), primary_key=True),
        sa.Column("entry_id", sa.String(36), primary_key=True),
        sa.Column("person_id", sa.String(100), index=True),
        sa.Column("read_at", sa.DateTime(timezone=True)),
    )


def downgrade():
    op.drop_table("circular_receipts")
    op.drop_index("ix_circulars_sent", "circulars")
    op.drop_index("ix_circulars_organisation_sent", "circulars")
    op.drop_table("circulars")
    op.drop_table("member_households")
    op.drop_table("organisation_kinds")
