"""Indexes that answer the per-talent sums "since a date" by themselves: every candidates request
sums this month's hours and counts the last 30 days' invitations, and the exposure report counts
confirmed matches. Each reads one range of its index and no table row; before, SQLite read every
match ever made (3 s over 300,000 matches on this machine).

Revision ID: matching_0010
"""
from alembic import op

revision = "matching_0010"
down_revision = "matching_0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_matches_recent_updates", "matches", ["updated_at", "talent_id", "hours", "status"])
    op.create_index("ix_matches_recent_invitations", "matches", ["created_at", "proposed_by", "talent_id"])


def downgrade():
    op.drop_index("ix_matches_recent_invitations", "matches")
    op.drop_index("ix_matches_recent_updates", "matches")
