"""Needs no longer open (filled, closed or cancelled, from matching.need_closed): the public feed
leaves them out; matching.need_reopened removes the row.

Revision ID: notifications_0005
"""
import sqlalchemy as sa
from alembic import op

revision = "notifications_0005"
down_revision = "notifications_0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "closed_needs",
        sa.Column("need_id", sa.String(36), primary_key=True),
        sa.Column("reason", sa.String(20), nullable=False),
    )


def downgrade():
    op.drop_table("closed_needs")
