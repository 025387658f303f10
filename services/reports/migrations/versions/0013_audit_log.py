"""The append-only audit log of writes and of operators' reads of personal data.

Revision ID: reports_0013
"""
from alembic import op

from services.common.migration_ops import create_audit_log_v1, drop_audit_log_v1

revision = "reports_0013"
down_revision = "reports_0012"
branch_labels = None
depends_on = None


def upgrade():
    create_audit_log_v1(op)


def downgrade():
    drop_audit_log_v1(op)
