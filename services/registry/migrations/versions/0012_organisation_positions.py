"""Search that stops after one page: organisation_positions, each gram with its position in the
titles (name, name without legal form, reading) or the description, keyed in the order of the
rank (position, then name length, name, id); and indexes for the exact-title tier.

A frequent term (自治会, 防災: tens of thousands of hits at city scale) was ranked by scoring
every hit; with this index its hits are read best first and the scan ends after one page.

Revision ID: registry_0012
"""
import sqlalchemy as sa
from alembic import op

from services.registry.domain.japanese_text import positioned_grams

revision = "registry_0012"
down_revision = "registry_0011"
branch_labels = None
depends_on = None

TITLE, DESCRIPTION = 0, 1
_BATCH = 500


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    code_points = {"collation": "C"} if postgres else {}
    op.create_table(
        "organisation_positions",
        sa.Column("gram", sa.String(8, **code_points), primary_key=True),
        sa.Column("field", sa.Integer, primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("name_length", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200, **code_points), primary_key=True),
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  primary_key=True),
        sqlite_with_rowid=False,  # the key is the table: a scan reads no second b-tree
    )
    op.create_index("ix_organisation_positions_organisation", "organisation_positions",
                    ["organisation_id"])
    for column in ("name_norm", "core_norm", "kana_norm"):
        op.create_index(f"ix_organisations_{column}", "organisations", [column])
    _index_existing_rows()


def _index_existing_rows():
    bind = op.get_bind()
    table = sa.table("organisations", sa.column("id"), sa.column("name"), sa.column("name_norm"),
                     sa.column("core_norm"), sa.column("kana_norm"), sa.column("description_norm"))
    positions = sa.table("organisation_positions", sa.column("gram"), sa.column("field"),
                         sa.column("position"), sa.column("name_length"), sa.column("name"),
                         sa.column("organisation_id"))
    rows = []
    for row in bind.execute(sa.select(table)).all():
        rows += _position_rows(row.id, row.name, row.name_norm, row.core_norm, row.kana_norm,
                              row.description_norm)
        if len(rows) >= _BATCH * 50:
            bind.execute(positions.insert(), rows)
            rows = []
    if rows:
        bind.execute(positions.insert(), rows)


def _position_rows(organisation_id, name, name_norm, core_norm, kana_norm, description_norm):
    static = {"name_length": len(name_norm), "name": name, "organisation_id": organisation_id}
    return ([{"gram": g, "field": TITLE, "position": p, **static}
             for g, p in positioned_grams(name_norm, core_norm, kana_norm)]
            + [{"gram": g, "field": DESCRIPTION, "position": p, **static}
               for g, p in positioned_grams(description_norm)])


def downgrade():
    for column in ("name_norm", "core_norm", "kana_norm"):
        op.drop_index(f"ix_organisations_{column}", "organisations")
    op.drop_table("organisation_positions")
