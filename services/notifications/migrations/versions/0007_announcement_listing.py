"""Operators list announcements newest first with their read counts: an index for the order
(and its cursor) and one for counting an announcement's inbox messages.

Revision ID: notifications_0007
"""
from alembic import op

revision = "notifications_0007"
down_revision = "notifications_0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_announcements_published", "announcements", ["published_at", "id"])
    op.create_index("ix_inbox_messages_source_event", "inbox_messages", ["source_event_id"])


def downgrade():
    op.drop_index("ix_inbox_messages_source_event", "inbox_messages")
    op.drop_index("ix_announcements_published", "announcements")
