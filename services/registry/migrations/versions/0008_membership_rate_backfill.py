"""Membership rate backfill: one registry.membership_rate_recalculated v1 in the outbox for every
region and day registry publishes for the areas and figures already stored, so reports (which
now answers membership from those rows only) shows existing deployments' figures at once.

The days are the ones setting each area publishes (membership.days_moved_by_area: since ever and
every figure day of the region's associations, a superset of what recording figures publishes);
the row is the domain's (membership.rate_recalculated), in the envelope the unit of work writes.

Revision ID: registry_0008
"""
import json
from collections import defaultdict
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from services.common.correlation import new_correlation_id
from services.common.envelope import Envelope
from services.common.timestamps import as_utc
from services.registry.contract.events import PUBLISHED
from services.registry.domain import membership
from services.registry.domain.membership import AssociationArea, HouseholdFigure

revision = "registry_0008"
down_revision = "registry_0007"
branch_labels = None
depends_on = None

PRODUCER = "registry"

_association_towns = sa.table("association_towns", sa.column("organisation_id", sa.String),
                              sa.column("town", sa.String), sa.column("region", sa.String))
_household_figures = sa.table(
    "household_figures", sa.column("id", sa.String), sa.column("organisation_id", sa.String),
    sa.column("measure", sa.String), sa.column("value", sa.Integer),
    sa.column("as_of", sa.Date), sa.column("recorded_at", sa.DateTime(timezone=True)),
    sa.column("recorded_by", sa.String))
_outbox = sa.table(
    "outbox", sa.column("message_id", sa.String), sa.column("type", sa.String),
    sa.column("envelope", sa.Text), sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("available_at", sa.DateTime(timezone=True)))


def upgrade():
    bind = op.get_bind()
    areas_by_region = _areas_by_region(bind)
    if not areas_by_region:
        return
    figures_by_association = _figures_by_association(bind)
    now = datetime.now(timezone.utc)
    correlation_id = new_correlation_id()
    rows = []
    for region, areas in sorted(areas_by_region.items()):
        figures = [f for a in areas for f in figures_by_association.get(a.organisation_id, [])]
        for day in membership.days_moved_by_area(figures):
            event = membership.rate_recalculated(region, day, areas, figures)
            envelope = Envelope(type=event.type, version=event.version, producer=PRODUCER,
                                payload=event.payload(), correlation_id=correlation_id)
            PUBLISHED.validate_outgoing(envelope)
            rows.append({"message_id": envelope.id, "type": envelope.type, "created_at": now,
                         "available_at": now,
                         "envelope": json.dumps(envelope.as_dict(), ensure_ascii=False)})
    bind.execute(_outbox.insert(), rows)


def _areas_by_region(bind) -> dict[str, list[AssociationArea]]:
    """Each association's area, as SqlAssociationRepository.areas builds it, by region."""
    towns: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in bind.execute(sa.select(_association_towns).order_by(
            _association_towns.c.organisation_id, _association_towns.c.town)):
        towns[(row.organisation_id, row.region)].append(row.town)
    by_region: dict[str, list[AssociationArea]] = defaultdict(list)
    for (organisation_id, region), names in towns.items():
        by_region[region].append(AssociationArea(organisation_id, region, tuple(sorted(names))))
    return dict(by_region)


def _figures_by_association(bind) -> dict[str, list[HouseholdFigure]]:
    figures: dict[str, list[HouseholdFigure]] = defaultdict(list)
    for row in bind.execute(sa.select(_household_figures)):
        data = dict(row._mapping)
        data["recorded_at"] = as_utc(data["recorded_at"])
        figures[row.organisation_id].append(HouseholdFigure(**data))
    return dict(figures)


def downgrade():
    pass  # Nothing to undo: no schema changed, and published events cannot be unpublished.
