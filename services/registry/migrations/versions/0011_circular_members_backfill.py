"""e-回覧板 backfill: notifications now keeps which organisations are neighbourhood associations
and who their member households are from registry's events, and has heard none of those about
what is already stored. So, in the outbox: one registry.organisation_updated v1 per
neighbourhood association (its current facts: every consumer stores them as they are) and one
registry.roster_entry_added v1 (with the entry's person_id) per entry on those rosters.

Revision ID: registry_0011
"""
import json
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from services.common.correlation import new_correlation_id
from services.common.envelope import Envelope
from services.registry.contract.events import PUBLISHED
from services.registry.domain.events import OrganisationUpdated, RosterEntryAdded

revision = "registry_0011"
down_revision = "registry_0010"
branch_labels = None
depends_on = None

PRODUCER = "registry"
NEIGHBOURHOOD_ASSOCIATION = "neighbourhood_association"

_organisations = sa.table(
    "organisations", sa.column("id", sa.String), sa.column("kind", sa.String),
    sa.column("region", sa.String), sa.column("fields", sa.JSON), sa.column("status", sa.String),
    sa.column("founded_year", sa.Integer), sa.column("legal_form", sa.String))
_roster_entries = sa.table(
    "roster_entries", sa.column("id", sa.String), sa.column("organisation_id", sa.String),
    sa.column("role", sa.String), sa.column("person_id", sa.String),
    sa.column("added_at", sa.DateTime(timezone=True)))
_outbox = sa.table(
    "outbox", sa.column("message_id", sa.String), sa.column("type", sa.String),
    sa.column("envelope", sa.Text), sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("available_at", sa.DateTime(timezone=True)))


def upgrade():
    bind = op.get_bind()
    associations = bind.execute(sa.select(_organisations).where(
        _organisations.c.kind == NEIGHBOURHOOD_ASSOCIATION).order_by(_organisations.c.id)).all()
    if not associations:
        return
    events = [OrganisationUpdated(organisation_id=a.id, kind=a.kind, region=a.region,
                                  fields=list(a.fields), status=a.status,
                                  founded_year=a.founded_year, legal_form=a.legal_form)
              for a in associations]
    r = _roster_entries.c
    entries = bind.execute(sa.select(_roster_entries).where(
        r.organisation_id.in_([a.id for a in associations])).order_by(r.added_at, r.id))
    events += [RosterEntryAdded(entry_id=e.id, organisation_id=e.organisation_id, role=e.role,
                                person_id=e.person_id) for e in entries]
    now = datetime.now(timezone.utc)
    correlation_id = new_correlation_id()
    rows = []
    for event in events:
        envelope = Envelope(type=event.type, version=event.version, producer=PRODUCER,
                            payload=event.payload(), correlation_id=correlation_id)
        PUBLISHED.validate_outgoing(envelope)
        rows.append({"message_id": envelope.id, "type": envelope.type, "created_at": now,
                     "available_at": now,
                     "envelope": json.dumps(envelope.as_dict(), ensure_ascii=False)})
    bind.execute(_outbox.insert(), rows)


def downgrade():
    pass  # Nothing to undo: no schema changed, and published events cannot be unpublished.
