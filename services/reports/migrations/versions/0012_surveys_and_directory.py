"""Business surveys (questions, invitations, one answer per business) and the public partner
directory of consenting businesses.

Revision ID: reports_0012
"""
import sqlalchemy as sa
from alembic import op

revision = "reports_0012"
down_revision = "reports_0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "surveys",
        sa.Column("survey_id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.String(2000), nullable=False),
        sa.Column("questions", sa.JSON, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True)),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "survey_invitations",
        sa.Column("survey_id", sa.String(36), primary_key=True),
        sa.Column("partner_id", sa.String(36), primary_key=True),
    )
    op.create_index("ix_survey_invitations_partner", "survey_invitations", ["partner_id"])
    op.create_table(
        "survey_responses",
        sa.Column("survey_id", sa.String(36), primary_key=True),
        sa.Column("partner_id", sa.String(36), primary_key=True),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "directory_listings",
        sa.Column("partner_id", sa.String(36), primary_key=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("message", sa.String(500), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade():
    op.drop_table("directory_listings")
    op.drop_table("survey_responses")
    op.drop_index("ix_survey_invitations_partner", "survey_invitations")
    op.drop_table("survey_invitations")
    op.drop_table("surveys")
