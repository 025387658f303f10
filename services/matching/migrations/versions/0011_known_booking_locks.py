"""A gathering being planned locks the known booking of each room it names, and registry's news
of that booking writes the same row: one of the two transactions waits for the other, so neither
decides on a read that misses the other (the gathering would wait for its room forever). A row
for a booking registry has not told of yet carries no facts, only the status "unheard".

Revision ID: matching_0011
"""
import sqlalchemy as sa
from alembic import op

revision = "matching_0011"
down_revision = "matching_0010"
branch_labels = None
depends_on = None

FACTS = (("room_id", sa.String(36)), ("organisation_id", sa.String(36)),
         ("starts_at", sa.DateTime(timezone=True)), ("ends_at", sa.DateTime(timezone=True)))


def upgrade():
    with op.batch_alter_table("known_bookings") as batch:
        for column, type_ in FACTS:
            batch.alter_column(column, existing_type=type_, nullable=True)


def downgrade():
    op.execute("DELETE FROM known_bookings WHERE status = 'unheard'")
    with op.batch_alter_table("known_bookings") as batch:
        for column, type_ in FACTS:
            batch.alter_column(column, existing_type=type_, nullable=False)
