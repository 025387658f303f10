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
    _place_active_keys_in_slots()
    with op.batch_alter_table("idempotency_records") as table:
        # Until then the first request owns an in-flight record; after it a retry takes over.
        table.add_column(sa.Column("lease_expires_at", sa.DateTime(timezone=True)))
        table.create_index("ix_idempotency_records_created_at", ["created_at"])
    # Records written before this revision held whole answers (issued keys among them).
    op.execute("DELETE FROM idempotency_records")


def _place_active_keys_in_slots():
    """A holder's two newest active keys take its two places; any older active ones keep
    working without one (so the holder must revoke before it is issued another)."""
    keys = sa.table("api_keys", sa.column("id"), sa.column("role"), sa.column("subject_id"),
                    sa.column("created_at"), sa.column("revoked_at"), sa.column("holder_slot"))
    bind = op.get_bind()
    rows = bind.execute(sa.select(keys.c.id, keys.c.role, keys.c.subject_id).where(
        keys.c.subject_id.is_not(None), keys.c.revoked_at.is_(None))
        .order_by(keys.c.created_at.desc())).all()
    placed: dict[tuple, int] = {}
    for row in rows:
        slot = placed[(row.role, row.subject_id)] = placed.get((row.role, row.subject_id), 0) + 1
        if slot <= 2:
            bind.execute(sa.update(keys).where(keys.c.id == row.id).values(holder_slot=slot))


def downgrade():
    with op.batch_alter_table("idempotency_records") as table:
        table.drop_index("ix_idempotency_records_created_at")
        table.drop_column("lease_expires_at")
    with op.batch_alter_table("api_keys") as table:
        table.drop_index("uq_api_keys_holder_slot")
        for column in ("holder_slot", "last_used_at", "expires_at", "scopes"):
            table.drop_column(column)
