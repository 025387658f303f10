"""Facilities (拠点施設) with rooms and managing body (指定管理者), and room bookings whose
confirmed rows never overlap: PostgreSQL an EXCLUDE constraint (btree_gist over room and a
tstzrange), SQLite triggers (SQLite serialises writers, so the trigger sees every commit).

Revision ID: registry_0003
"""
import sqlalchemy as sa
from alembic import op

revision = "registry_0003"
down_revision = "registry_0002"
branch_labels = None
depends_on = None

_SQLITE_OVERLAP = """
CREATE TRIGGER bookings_no_overlap_{when} BEFORE {event} ON bookings
WHEN NEW.status = 'confirmed' AND EXISTS (
    SELECT 1 FROM bookings AS other
    WHERE other.room_id = NEW.room_id AND other.status = 'confirmed' AND other.id <> NEW.id
      AND other.starts_at < NEW.ends_at AND NEW.starts_at < other.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'booking_overlap');
END
"""


def upgrade():
    op.create_table(
        "facilities",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_kana", sa.String(200), nullable=False),
        sa.Column("region", sa.String(50), nullable=False, index=True),
        sa.Column("town", sa.String(100), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("accessibility", sa.JSON, nullable=False),
        sa.Column("opening_hours", sa.JSON, nullable=False),
        sa.Column("managing_organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  index=True),
        sa.Column("designated_from", sa.Date),
        sa.Column("designated_to", sa.Date),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name_norm", sa.Text, nullable=False),
        sa.Column("kana_norm", sa.Text, nullable=False),
        sa.Column("place_norm", sa.Text, nullable=False),
    )
    op.create_table(
        "rooms",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("facility_id", sa.String(36), sa.ForeignKey("facilities.id"), nullable=False,
                  index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("equipment", sa.JSON, nullable=False),
    )
    op.create_table(
        "bookings",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("facility_id", sa.String(36), sa.ForeignKey("facilities.id"), nullable=False),
        sa.Column("room_id", sa.String(36), sa.ForeignKey("rooms.id"), nullable=False),
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  nullable=False, index=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attendees", sa.Integer, nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("requested_by", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("ends_at > starts_at", name="ck_bookings_positive_duration"),
    )
    op.create_index("ix_bookings_room_time", "bookings", ["room_id", "starts_at"])
    op.create_index("ix_bookings_facility_time", "bookings", ["facility_id", "starts_at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute("ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist "
                   "(room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
                   "WHERE (status = 'confirmed')")
    else:
        op.execute(_SQLITE_OVERLAP.format(when="insert", event="INSERT"))
        op.execute(_SQLITE_OVERLAP.format(when="update",
                                          event="UPDATE OF status, starts_at, ends_at, room_id"))


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TRIGGER IF EXISTS bookings_no_overlap_insert")
        op.execute("DROP TRIGGER IF EXISTS bookings_no_overlap_update")
    op.drop_table("bookings")
    op.drop_table("rooms")
    op.drop_table("facilities")
