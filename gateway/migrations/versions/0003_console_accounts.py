"""Console accounts (e-mail + argon2id password, optional TOTP) and their sessions.

Revision ID: gateway_0003
"""
import sqlalchemy as sa
from alembic import op

revision = "gateway_0003"
down_revision = "gateway_0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "console_accounts",
        sa.Column("id", sa.String(36), primary_key=True),
        # NFKC + case-folded: one person, one account however the address was typed.
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("subject_id", sa.String(36)),
        sa.Column("totp_secret", sa.String(64)),  # operators' second factor, when set
        sa.Column("totp_last_step", sa.Integer),  # a code's 30-second step is accepted once
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "console_sessions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),  # never the token
        sa.Column("account_id", sa.String(36), sa.ForeignKey("console_accounts.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        # True between the password and the TOTP code: such a session opens only the code page.
        sa.Column("awaiting_second_factor", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Index("ix_console_sessions_account_id", "account_id"),
    )


def downgrade():
    op.drop_table("console_sessions")
    op.drop_table("console_accounts")
