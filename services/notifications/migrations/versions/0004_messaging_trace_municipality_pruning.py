"""Outbox rows keep the traceparent their event was raised in; outbox and inbox rows carry the
municipality key; indexes for pruning sent outbox and old inbox rows.

Revision ID: notifications_0004
"""
from alembic import op

from services.common.migration_ops import (add_trace_municipality_and_pruning_v1,
                                           drop_trace_municipality_and_pruning_v1)

revision = "notifications_0004"
down_revision = "notifications_0003"
branch_labels = None
depends_on = None


def upgrade():
    add_trace_municipality_and_pruning_v1(op)


def downgrade():
    drop_trace_municipality_and_pruning_v1(op)
