"""A probe: a real service process built only from the kernel (services/common), used by the
fault tests in place of a business service.

It consumes `registry.organisation_registered` with the kernel's consumers (one event per
worker, or batches, as KYODO_PROBE_MODE says) and applies each event with the kernel's inbox
into an `effects` table that counts applications: no primary key on the event there, so a
duplicate that slipped past the inbox would show as two rows. It also relays its own outbox
(the kernel's relay), so a test that writes outbox rows into its database exercises the whole
path: outbox → relay → broker → consumer → inbox. It parks dead letters like every service.

Faults it can be told to have (environment):
  KYODO_PROBE_TRANSIENT_RATE  fraction of handler runs that raise a transient error
  (the `poisoned` table)      organisations whose events always fail until an operator removes them
"""
import os
import random
from datetime import datetime, timezone

from marshmallow import Schema, fields
from sqlalchemy import (Column, DateTime, Integer, MetaData, String, Table, func, insert, select)

from services.common.event_contracts import EventCatalogue, EventContract
from services.common.event_handling import apply_batch, apply_once
from services.common.messaging_tables import messaging_tables
from services.common.nameko_events import consume_event_batches, consume_events
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.common.topology import Subscription

EVENT_TYPE = "registry.organisation_registered"
NAME = os.environ.get("KYODO_PROBE_NAME", "probe")
MODE = os.environ.get("KYODO_PROBE_MODE", "batch")
TRANSIENT_RATE = float(os.environ.get("KYODO_PROBE_TRANSIENT_RATE", "0"))

metadata = MetaData()
MESSAGING = messaging_tables(metadata)
effects = Table(
    "effects", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", String(36), nullable=False, index=True),
    Column("organisation_id", String(36), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)
poisoned = Table("poisoned", metadata, Column("organisation_id", String(36), primary_key=True))


class OrganisationRegistered(Schema):
    organisation_id = fields.String(required=True)
    region = fields.String(required=True)


CATALOGUE = EventCatalogue([EventContract(EVENT_TYPE, 1, OrganisationRegistered, {})])


class TransientFailure(Exception):
    """A handler run that fails for a reason that goes away (a lock timeout, a brief outage)."""


class Poisoned(Exception):
    """An event that fails every time until an operator repairs its cause."""


class SqlEffects:
    def __init__(self, session):
        self._session = session

    def apply(self, message_id: str, organisation_id: str) -> None:
        if self._session.execute(select(poisoned.c.organisation_id)
                                 .where(poisoned.c.organisation_id == organisation_id)).first():
            raise Poisoned(f"organisation {organisation_id} is poisoned")
        if TRANSIENT_RATE and random.random() < TRANSIENT_RATE:
            raise TransientFailure("a transient failure the probe was told to have")
        self._session.execute(insert(effects).values(
            message_id=message_id, organisation_id=organisation_id,
            applied_at=datetime.now(timezone.utc)))

    def count(self) -> int:
        return self._session.execute(select(func.count()).select_from(effects)).scalar()


class ProbeUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.effects = SqlEffects(session)


def on_registered(uow: ProbeUnitOfWork, event_id: str, payload: dict) -> None:
    uow.effects.apply(event_id, payload["organisation_id"])


HANDLERS = {EVENT_TYPE: on_registered}


class BatchProbe(HealthEndpoints, DeadLetterOperations):
    name = NAME
    subscription = Subscription(NAME, frozenset({EVENT_TYPE}))
    # The probe's outgoing events are written straight into its outbox by the tests.
    uow = Persistence(ProbeUnitOfWork, CATALOGUE, MESSAGING)

    @consume_event_batches(CATALOGUE)
    def handle_events(self, events):
        apply_batch(self.uow, events, HANDLERS)


class SingleProbe(HealthEndpoints, DeadLetterOperations):
    name = NAME
    subscription = Subscription(NAME, frozenset({EVENT_TYPE}))
    uow = Persistence(ProbeUnitOfWork, CATALOGUE, MESSAGING)

    @consume_events(CATALOGUE)
    def handle_event(self, envelope, payload):
        apply_once(self.uow, envelope, payload, HANDLERS[envelope["type"]])


def service_class():
    return BatchProbe if MODE == "batch" else SingleProbe
