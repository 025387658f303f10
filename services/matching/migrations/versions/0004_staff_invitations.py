"""Staff invitations: a business's staff profile needs the business's invitation and the
person's acceptance.

Revision ID: matching_0004
"""
import sqlalchemy as sa
from alembic import op

revision = "matching_0004"
down_revision = "matching_0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_invitations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("offer_id", sa.String(36), nullable=False),
        sa.Column("partner_id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_staff_invitations_partner", "staff_invitations", ["partner_id", "created_at"])
    op.create_index("ix_staff_invitations_person", "staff_invitations", ["person_id", "created_at"])


def downgrade():
    op.drop_table("staff_invitations")
