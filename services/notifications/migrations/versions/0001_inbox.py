"""Subscriptions and the in-app inbox, with the outbox, inbox and dead letters.

Revision ID: notifications_0001
"""
import sqlalchemy as sa
from alembic import op

from services.common.migration_ops import create_messaging_tables_v1

revision = "notifications_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_messaging_tables_v1(op)
    op.create_table(
        "subscription_topics",
        sa.Column("recipient_id", sa.String(100), primary_key=True),
        sa.Column("topic_kind", sa.String(10), primary_key=True),
        sa.Column("topic", sa.String(50), primary_key=True),
    )
    op.create_index("ix_subscription_topics_topic", "subscription_topics", ["topic_kind", "topic"])
    op.create_table(
        "inbox_messages",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("recipient_id", sa.String(100), nullable=False),
        sa.Column("source_event_id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("link", sa.String(500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("recipient_id", "source_event_id", name="uq_inbox_recipient_event"),
    )
    op.create_index("ix_inbox_messages_recipient", "inbox_messages",
                    ["recipient_id", "created_at", "id"])


def downgrade():
    op.drop_table("inbox_messages")
    op.drop_table("subscription_topics")
    op.drop_table("dead_letters")
    op.drop_table("inbox")
    op.drop_table("outbox")
