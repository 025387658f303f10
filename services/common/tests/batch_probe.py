"""The batch probe's table, event and handler (no eventlet here: benchmarks import it).

A payload with `poison: true` makes the handler raise, every time; KYODO_PROBE_CPU_MS makes
each event cost that much CPU (a CPU-bound consumer, for the benchmark of copies).
"""
import os
import time

from marshmallow import Schema, fields
from sqlalchemy import Column, MetaData, String, Table, insert

from services.common.contract_schema import UuidString
from services.common.event_contracts import EventCatalogue, EventContract
from services.common.messaging_tables import messaging_tables
from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork

ITEM_ADDED = "probe.item_added"
METADATA = MetaData()
MESSAGING = messaging_tables(METADATA)
effects = Table("effects", METADATA, Column("item_id", String(36), primary_key=True))


class ItemAdded(Schema):
    item_id = UuidString(required=True)
    poison = fields.Boolean(load_default=False)


CONSUMED = EventCatalogue([EventContract(ITEM_ADDED, 1, ItemAdded, {})])


class ProbeUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        pass


CPU_SECONDS = float(os.environ.get("KYODO_PROBE_CPU_MS", "0")) / 1000


def on_item_added(uow, event_id: str, payload: dict) -> None:
    if payload["poison"]:
        raise RuntimeError("poisoned on purpose")
    busy_until = time.thread_time() + CPU_SECONDS
    while time.thread_time() < busy_until:
        pass
    uow.session.execute(insert(effects).values(item_id=payload["item_id"]))
