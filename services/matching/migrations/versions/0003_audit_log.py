"""The append-only audit log of writes and of operators' reads of personal data.

Revision ID: matching_0003
"""
from alembic import op

from services.common.migration_ops import create_audit_log_v1, drop_audit_log_v1

revision = "matching_0003"
down_revision = "matching_0002"
branch_labels = None
depends_on = None


def upgrade():
    create_audit_log_v1(op)


def downgrade():
    drop_audit_log_v1(op)
