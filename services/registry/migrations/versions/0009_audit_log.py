"""The append-only audit log of writes and of operators' reads of personal data.

Revision ID: registry_0009
"""
from alembic import op

from services.common.migration_ops import create_audit_log_v1, drop_audit_log_v1

revision = "registry_0009"
down_revision = "registry_0008"
branch_labels = None
depends_on = None


def upgrade():
    create_audit_log_v1(op)


def downgrade():
    drop_audit_log_v1(op)
