"""Officers and members of organisations, with per-field visibility.

Revision ID: registry_0007
"""
import sqlalchemy as sa
from alembic import op

revision = "registry_0007"
down_revision = "registry_0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "roster_entries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  nullable=False, index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("person_id", sa.String(100), index=True),
        sa.Column("email", sa.String(300), nullable=False),
        sa.Column("phone", sa.String(50), nullable=False),
        sa.Column("name_visibility", sa.String(20), nullable=False),
        sa.Column("email_visibility", sa.String(20), nullable=False),
        sa.Column("phone_visibility", sa.String(20), nullable=False),
        sa.Column("joined_on", sa.Date),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade():
    op.drop_table("roster_entries")
