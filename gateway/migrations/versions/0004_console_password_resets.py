"""Console password resets: only a hash of each single-use token, with its expiry.

Revision ID: gateway_0004
"""
import sqlalchemy as sa
from alembic import op

revision = "gateway_0004"
down_revision = "gateway_0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "console_password_resets",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),  # SHA-256, never the token
        sa.Column("account_id", sa.String(36), sa.ForeignKey("console_accounts.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),  # a link works once
        sa.Index("ix_console_password_resets_account_id", "account_id"),
    )


def downgrade():
    op.drop_table("console_password_resets")
