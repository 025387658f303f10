"""Each participant's calendar feed version, so a subscribed feed URL can be revoked.

Revision ID: matching_0006
"""
import sqlalchemy as sa
from alembic import op

revision = "matching_0006"
down_revision = "matching_0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "calendar_feeds",
        sa.Column("participant", sa.String(60), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
    )


def downgrade():
    op.drop_table("calendar_feeds")
