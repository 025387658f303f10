"""An index on talents.updated_at: the candidates' talent pool asks for the latest change on every
request to know whether its cached matrix is still current; without the index that was a scan of
every profile (200 ms at 20,000 talents on a loaded machine).

Revision ID: matching_0009
"""
from alembic import op

revision = "matching_0009"
down_revision = "matching_0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_talents_updated_at", "talents", ["updated_at"])


def downgrade():
    op.drop_index("ix_talents_updated_at", "talents")
