"""Helpers that write events the way registry does, or straight onto the broker."""
import json
import sqlite3
import uuid
from pathlib import Path

import kombu

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.topology import EVENTS_EXCHANGE
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app.organisations import RegisterOrganisation, register_organisation
from services.registry.contract.events import PUBLISHED

REGIONS = ("iwakuni", "yu", "kuga", "hongo", "shuto", "nishiki", "mikawa", "miwa")


def registry_uow(data_dir: Path) -> SqlRegistryUnitOfWork:
    engine = make_engine(f"sqlite:///{data_dir / 'registry.sqlite3'}")
    return SqlRegistryUnitOfWork(make_session_factory(engine), "registry", PUBLISHED, MESSAGING)


def register_many(uow: SqlRegistryUnitOfWork, count: int, start: int = 0) -> list[str]:
    """Registers organisations through the real use case: rows and outbox commit together."""
    ids = []
    for index in range(start, start + count):
        organisation = register_organisation(uow, Actor("operator"), RegisterOrganisation(
            organisation_id=str(uuid.uuid4()), name=f"テスト団体{index}", name_kana="テストダンタイ",
            kind="citizen_group", region=REGIONS[index % len(REGIONS)], fields=["welfare"]),
            configured_city())
        ids.append(organisation.id)
    return ids


def count_rows(database: Path, table: str, where: str = "1=1") -> int:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


def publish_raw(amqp_uri: str, envelope: dict, headers: dict | None = None) -> None:
    """Straight onto the events exchange, confirmed, as a misbehaving producer might."""
    with kombu.Connection(amqp_uri, transport_options={"confirm_publish": True}) as connection:
        producer = connection.Producer()
        producer.publish(json.dumps(envelope).encode(), exchange=EVENTS_EXCHANGE,
                         routing_key=envelope["type"], content_type="application/json",
                         content_encoding="utf-8", delivery_mode=2, message_id=envelope["id"],
                         headers={"type": envelope["type"], **(headers or {})}, mandatory=True)


def organisation_registered(organisation_id: str, region: str = "yu") -> dict:
    return Envelope("registry.organisation_registered", 1, "registry", {
        "organisation_id": organisation_id, "kind": "npo", "region": region,
        "fields": ["welfare"], "status": "verified"}, correlation_id=str(uuid.uuid4())).as_dict()
