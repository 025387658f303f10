"""Organisation facts keep the review status (verified organisations per region).

Revision ID: reports_0002
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0002"
down_revision = "reports_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("organisation_facts", sa.Column("status", sa.String(20), nullable=False,
                                                  server_default="verified"))


def downgrade():
    with op.batch_alter_table("organisation_facts") as batch:
        batch.drop_column("status")
