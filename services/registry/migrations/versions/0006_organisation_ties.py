"""Ties between organisations, indexed from both ends for the network walk.

Revision ID: registry_0006
"""
import sqlalchemy as sa
from alembic import op

revision = "registry_0006"
down_revision = "registry_0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "organisation_ties",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  nullable=False),
        sa.Column("related_organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  nullable=False, index=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("declared_by", sa.String(100), nullable=False),
        sa.UniqueConstraint("organisation_id", "related_organisation_id", "kind",
                            name="uq_organisation_ties_pair"),
    )


def downgrade():
    op.drop_table("organisation_ties")
