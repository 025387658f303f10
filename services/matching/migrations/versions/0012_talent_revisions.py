"""Talents numbered by the transaction that last wrote them, in commit order: the talent pool asks
"what changed after revision n" instead of "what changed since time t". A profile stamped before
another could commit after it (a long transaction, another copy of the service), so the pool looked
30 s behind its last change, read again every profile stamped in that window (20,000 rows after a
bulk import) and still missed a change committed later than that. The index on updated_at served
only that question.

Revision ID: matching_0012
"""
import sqlalchemy as sa
from alembic import op

revision = "matching_0012"
down_revision = "matching_0011"
branch_labels = None
depends_on = None


def upgrade():
    version = op.create_table(
        "talents_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("revision", sa.BigInteger, nullable=False),
        sa.Column("last_erasure", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(version, [{"id": 1, "revision": 0, "last_erasure": 0}])
    with op.batch_alter_table("talents") as batch:
        batch.add_column(sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"))
    op.create_index("ix_talents_revision", "talents", ["revision"])
    op.drop_index("ix_talents_updated_at", "talents")


def downgrade():
    op.create_index("ix_talents_updated_at", "talents", ["updated_at"])
    op.drop_index("ix_talents_revision", "talents")
    with op.batch_alter_table("talents") as batch:
        batch.drop_column("revision")
    op.drop_table("talents_version")
