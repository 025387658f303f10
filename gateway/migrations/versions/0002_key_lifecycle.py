"""Key lifecycle (scopes, expiry, last use, two active keys per holder) and idempotency leases.

Revision ID: gateway_0002
"""
import sqlalchemy as sa
from alembic import op

revision = "gateway_0002"
down_revision = "gateway_0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("api_keys") as table:
        # NULL: every scope the key's role allows (keys issued before scopes keep working).
        table.add_column(sa.Column("scopes", sa.JSON))
        table.add_column(sa.Column("expires_at", sa.DateTime(timezone=True)))
        table.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True)))
        # 1 or 2 while the key is active and has a subject, else NULL: the unique index below
        # makes "two active keys per holder" hold under concurrent issues too.
        table.add_column(sa.Column("holder_slot", sa.Integer))
        table.create_index("uq_api_keys_holder_slot", ["role", "subject_id", "holder_slot"],
                           unique=True)
    with op.batch_alter_table("idempotency_records") as table:
        # Until then the first request owns an in-flight record; after it a retry takes over.
        table.add_column(sa.Column("lease_expires_at", sa.DateTime(timezone=True)))
        table.create_index("ix_idempotency_records_created_at", ["created_at"])
    # Records written before this revision held whole answers (issued keys among them).
    op.execute("DELETE FROM idempotency_records")


def downgrade():
    with op.batch_alter_table("idempotency_records") as table:
        table.drop_index("ix_idempotency_records_created_at")
        table.drop_column("lease_expires_at")
    with op.batch_alter_table("api_keys") as table:
        table.drop_index("uq_api_keys_holder_slot")
        for column in ("holder_slot", "last_used_at", "expires_at", "scopes"):
            table.drop_column(column)
