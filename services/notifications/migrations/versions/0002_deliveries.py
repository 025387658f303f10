"""Delivery addresses (e-mail and LINE with double opt-in, webhook endpoints and their secrets),
deliveries with every attempt, digests and preferences, announcements with read receipts,
the public feed's needs, and unread messages found fast.

Revision ID: notifications_0002
"""
import sqlalchemy as sa
from alembic import op

revision = "notifications_0002"
down_revision = "notifications_0001"
branch_labels = None
depends_on = None


def upgrade():
    seq = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_index("ix_inbox_messages_unread", "inbox_messages", ["recipient_id"],
                    postgresql_where=sa.text("read_at IS NULL"),
                    sqlite_where=sa.text("read_at IS NULL"))
    op.create_table(
        "contact_addresses",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("recipient_id", sa.String(100), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True)),
        sa.Column("unsubscribed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_contact_addresses_recipient_id", "contact_addresses", ["recipient_id"])
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("owner_id", sa.String(100), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("event_types", sa.JSON, nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("disabled_reason", sa.String(300)),
        sa.Column("disabled_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_webhook_endpoints_owner_id", "webhook_endpoints", ["owner_id"])
    op.create_table(
        "webhook_secrets",
        sa.Column("endpoint_id", sa.String(36), sa.ForeignKey("webhook_endpoints.id"),
                  primary_key=True),
        sa.Column("secret", sa.String(100), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("recipient_id", sa.String(100), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("target_id", sa.String(36), nullable=False),
        sa.Column("source_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(100), nullable=False),
        sa.Column("content", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("critical", sa.Boolean, nullable=False),
        sa.Column("digest_period", sa.String(20)),
        sa.Column("digest_due_at", sa.DateTime(timezone=True)),
        sa.Column("bypassed", sa.String(200)),
    )
    # The digest job's question: which held deliveries are due?
    op.create_index("ix_deliveries_held", "deliveries", ["digest_due_at"],
                    postgresql_where=sa.text("status = 'held'"),
                    sqlite_where=sa.text("status = 'held'"))
    # The daily cap's question: how many went out immediately today?
    op.create_index("ix_deliveries_recipient", "deliveries", ["recipient_id", "channel", "created_at"])
    # The sender's question, "what is due?", reads pending rows only.
    op.create_index("ix_deliveries_due", "deliveries", ["next_attempt_at"],
                    postgresql_where=sa.text("status = 'pending'"),
                    sqlite_where=sa.text("status = 'pending'"))
    op.create_index("ix_deliveries_target", "deliveries", ["target_id", "created_at", "id"])
    op.create_table(
        "delivery_attempts",
        sa.Column("seq", seq, primary_key=True, autoincrement=True),
        sa.Column("delivery_id", sa.String(36), sa.ForeignKey("deliveries.id"), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("latency_ms", sa.Integer, nullable=False),
        sa.Column("status_code", sa.Integer),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_delivery_attempts_delivery_id", "delivery_attempts", ["delivery_id"])
    op.create_table(
        "preferences",
        sa.Column("recipient_id", sa.String(100), primary_key=True),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("quiet_start", sa.Time),
        sa.Column("quiet_end", sa.Time),
        sa.Column("channels", sa.JSON, nullable=False),
        sa.Column("daily_cap", sa.Integer),
    )


    op.create_table(
        "announcements",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("author_id", sa.String(100), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("regions", sa.JSON, nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("critical", sa.Boolean, nullable=False),
        sa.Column("public", sa.Boolean, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_announcements_published_at", "announcements", ["published_at"])
    op.create_table(
        "posted_needs",
        sa.Column("need_id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("slots", sa.Integer, nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_posted_needs_posted_at", "posted_needs", ["posted_at"])
    # Read receipts: who has an announcement's message, and who has read it.
    op.create_index("ix_inbox_messages_source", "inbox_messages", ["source_event_id"])


def downgrade():
    op.drop_index("ix_inbox_messages_source", "inbox_messages")
    op.drop_table("posted_needs")
    op.drop_table("announcements")
    op.drop_table("preferences")
    op.drop_table("delivery_attempts")
    op.drop_table("deliveries")
    op.drop_table("webhook_secrets")
    op.drop_table("webhook_endpoints")
    op.drop_table("contact_addresses")
    op.drop_index("ix_inbox_messages_unread", "inbox_messages")
