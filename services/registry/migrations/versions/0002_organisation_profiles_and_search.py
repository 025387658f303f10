"""Organisation profiles (town, size, contacts with visibility, legal form, social business),
review (reason, who registered), and Japanese search: normalised columns, a field table and a
portable bigram index.

Revision ID: registry_0002
"""
import sqlalchemy as sa
from alembic import op

from services.registry.domain.japanese_text import (index_grams, name_without_legal_form,
                                                    normalise_for_search)

revision = "registry_0002"
down_revision = "registry_0001"
branch_labels = None
depends_on = None

_TEXT_DEFAULTS = (("town", sa.String(100), ""), ("legal_form", sa.String(50), "none"),
                  ("business_activity", sa.Text, ""), ("status_reason", sa.Text, ""),
                  ("registered_by", sa.String(100), ""), ("name_norm", sa.Text, ""),
                  ("kana_norm", sa.Text, ""), ("description_norm", sa.Text, ""),
                  ("core_norm", sa.Text, ""))


def upgrade():
    for name, type_, default in _TEXT_DEFAULTS:
        op.add_column("organisations", sa.Column(name, type_, nullable=False,
                                                 server_default=default))
    for name in ("founded_year", "member_count", "members_in_city"):
        op.add_column("organisations", sa.Column(name, sa.Integer, nullable=True))
    op.add_column("organisations", sa.Column("contacts", sa.JSON, nullable=True))
    op.add_column("organisations", sa.Column("social_business", sa.Boolean, nullable=False,
                                             server_default=sa.false()))
    op.add_column("organisations", sa.Column("updated_at", sa.DateTime(timezone=True)))
    op.create_index("ix_organisations_status_region", "organisations", ["status", "region"])
    op.create_index("ix_organisations_kind", "organisations", ["kind"])
    op.create_table(
        "organisation_fields",
        sa.Column("field", sa.String(50), primary_key=True),
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  primary_key=True),
    )
    op.create_index("ix_organisation_fields_organisation", "organisation_fields",
                    ["organisation_id"])
    gram_type = (sa.String(8, collation="C") if op.get_bind().dialect.name == "postgresql"
                 else sa.String(8))
    op.create_table(
        "organisation_grams",
        sa.Column("gram", gram_type, primary_key=True),
        sa.Column("organisation_id", sa.String(36), sa.ForeignKey("organisations.id"),
                  primary_key=True),
    )
    op.create_index("ix_organisation_grams_organisation", "organisation_grams",
                    ["organisation_id"])
    _index_existing_rows()


def _index_existing_rows():
    bind = op.get_bind()
    table = sa.table("organisations", sa.column("id"), sa.column("name"), sa.column("name_kana"),
                     sa.column("description"), sa.column("fields", sa.JSON),
                     sa.column("name_norm"), sa.column("kana_norm"),
                     sa.column("description_norm"), sa.column("core_norm"))
    for row in bind.execute(sa.select(table)).all():
        norms = [normalise_for_search(row.name), normalise_for_search(row.name_kana),
                 normalise_for_search(row.description)]
        bind.execute(table.update().where(table.c.id == row.id).values(
            name_norm=norms[0], kana_norm=norms[1], description_norm=norms[2],
            core_norm=name_without_legal_form(norms[0])))
        for field in dict.fromkeys(row.fields or []):
            bind.execute(sa.text("INSERT INTO organisation_fields (field, organisation_id) "
                                 "VALUES (:f, :o)"), {"f": field, "o": row.id})
        for gram in index_grams(*norms):
            bind.execute(sa.text("INSERT INTO organisation_grams (gram, organisation_id) "
                                 "VALUES (:g, :o)"), {"g": gram, "o": row.id})


def downgrade():
    op.drop_table("organisation_grams")
    op.drop_table("organisation_fields")
    op.drop_index("ix_organisations_kind", "organisations")
    op.drop_index("ix_organisations_status_region", "organisations")
    with op.batch_alter_table("organisations") as batch:
        for name in ("updated_at", "social_business", "contacts", "members_in_city",
                     "member_count", "founded_year", *(n for n, _, _ in _TEXT_DEFAULTS)):
            batch.drop_column(name)
