"""Event batches in the kernel, over a real broker and SQLite: one transaction per batch, one ack
with `multiple`, and a poisoned event that fails alone while its neighbours take effect."""
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import kombu
import pytest
import requests
from sqlalchemy import create_engine, text

from services.common.envelope import Envelope
from services.common.topology import EVENTS_EXCHANGE, MAX_ATTEMPTS
from tests.support.rabbitmq import free_port

pytestmark = pytest.mark.broker

REPOSITORY = Path(__file__).resolve().parents[3]
GOOD = 60
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def item_added(item_id: str, poison: bool = False) -> dict:
    return Envelope("probe.item_added", 1, "tests", {"item_id": item_id, "poison": poison},
                    correlation_id=str(uuid.uuid4())).as_dict()


def publish(amqp_uri: str, envelopes: list[dict], traceparent: str | None = None) -> None:
    with kombu.Connection(amqp_uri, transport_options={"confirm_publish": True}) as connection:
        producer = connection.Producer()
        for envelope in envelopes:
            headers = {"type": envelope["type"], **({"traceparent": traceparent} if traceparent else {})}
            producer.publish(json.dumps(envelope).encode(), exchange=EVENTS_EXCHANGE,
                             routing_key=envelope["type"], content_type="application/json",
                             content_encoding="utf-8", delivery_mode=2, message_id=envelope["id"],
                             headers=headers, mandatory=True)


def count(database: Path, query: str) -> int:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(query).fetchone()[0]


def eventually(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while not (result := check()):
        assert time.monotonic() < deadline, f"not true within {timeout}s"
        time.sleep(0.2)
    return result


def queued(amqp_uri: str, queue: str) -> int:
    with kombu.Connection(amqp_uri) as connection:
        return connection.default_channel.queue_declare(queue, passive=True).message_count


class Probe:
    def __init__(self, folder: Path, amqp_uri: str, database_url: str | None = None, name: str = "probe"):
        self.database = folder / "probe.sqlite3"
        self.log = folder / f"{name}.log"
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "KYODO_AMQP_URI": amqp_uri,
               "KYODO_PROBE_DATABASE_URL": database_url or f"sqlite:///{self.database}",
               "KYODO_HTTP_ADDRESS": f"127.0.0.1:{self.port}",
               "KYODO_RETRY_DELAYS_MS": "200,400,800", "KYODO_EVENT_BATCH_SIZE": "25"}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "services.common.tests.batch_probe_service"],
                cwd=REPOSITORY, env=env, stdout=log, stderr=subprocess.STDOUT)
        eventually(self._ready)

    def _ready(self) -> bool:
        assert self.process.poll() is None, self.log.read_text()
        try:
            return requests.get(f"http://127.0.0.1:{self.port}/health/ready", timeout=2).ok
        except requests.ConnectionError:
            return False

    def logs(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def test_a_poisoned_event_in_a_batch_is_parked_alone_and_every_other_applies_once(tmp_path, vhost_uri):
    items = [str(uuid.uuid4()) for _ in range(GOOD)]
    events = [item_added(item) for item in items]
    poison = item_added(str(uuid.uuid4()), poison=True)
    redelivered = events[5]
    # The topology comes up with the first start; the events then wait, so they arrive in batches.
    probe = Probe(tmp_path, vhost_uri)
    probe.stop()
    publish(vhost_uri, events[:30])
    publish(vhost_uri, [poison], traceparent=TRACEPARENT)
    publish(vhost_uri, [redelivered, *events[30:]])
    probe = Probe(tmp_path, vhost_uri)
    try:
        eventually(lambda: count(probe.database, "SELECT count(*) FROM dead_letters") == 1)
        assert count(probe.database, "SELECT count(*) FROM effects") == GOOD
        assert count(probe.database, "SELECT count(*) FROM inbox") == GOOD
        message_id, attempts, error, headers = sqlite3.connect(probe.database).execute(
            "SELECT message_id, attempts, error, headers FROM dead_letters").fetchone()
        assert (message_id, attempts) == (poison["id"], MAX_ATTEMPTS)
        assert "poisoned on purpose" in error
        # Retries and parking keep the trace the event was raised in (a replay sends it on).
        assert json.loads(headers)["traceparent"] == TRACEPARENT
        logs = probe.logs()
        assert "event batch failed; applying its events one by one" in logs
        assert "duplicate event ignored" in logs
        # Only the poisoned event was retried; its batch's neighbours were not.
        assert logs.count('"retry_in_ms"') == MAX_ATTEMPTS - 1
        scraped = requests.get(f"http://127.0.0.1:{probe.port}/metrics", timeout=5).text
        assert f'kyodo_events_retried_total{{service="probe"}} {MAX_ATTEMPTS - 1}.0' in scraped
        assert 'kyodo_events_dead_lettered_total{service="probe"} 1.0' in scraped
        assert 'kyodo_dead_letters{service="probe"} 1.0' in scraped
        assert 'kyodo_outbox_unsent{service="probe"} 0.0' in scraped
        consumed = re.search(r'kyodo_events_consumed_total\{service="probe"\} (\d+)', scraped)
        assert int(consumed.group(1)) >= GOOD
    finally:
        probe.stop()
    # Every delivery was acked (the `multiple` acks covered each): nothing comes back.
    assert queued(vhost_uri, "probe.events") == 0
    probe = Probe(tmp_path, vhost_uri)
    try:
        time.sleep(1.0)
        assert count(probe.database, "SELECT count(*) FROM effects") == GOOD
        assert count(probe.database, "SELECT count(*) FROM dead_letters") == 1
    finally:
        probe.stop()


def test_malformed_events_among_a_batch_are_parked_at_once_and_the_rest_applied(tmp_path, vhost_uri):
    items = [str(uuid.uuid4()) for _ in range(GOOD)]
    events = [item_added(item) for item in items]
    no_item = item_added(str(uuid.uuid4()))
    del no_item["payload"]["item_id"]
    probe = Probe(tmp_path, vhost_uri)
    probe.stop()
    publish(vhost_uri, [*events[:30], no_item])
    with kombu.Connection(vhost_uri, transport_options={"confirm_publish": True}) as connection:
        connection.Producer().publish(b"{not json", exchange=EVENTS_EXCHANGE, routing_key="probe.item_added",
                                      content_type="application/json", delivery_mode=2,
                                      message_id="not-json", mandatory=True)
    publish(vhost_uri, events[30:])
    probe = Probe(tmp_path, vhost_uri)
    try:
        eventually(lambda: count(probe.database, "SELECT count(*) FROM dead_letters") == 2)
        eventually(lambda: count(probe.database, "SELECT count(*) FROM effects") == GOOD)
        parked = dict(sqlite3.connect(probe.database).execute(
            "SELECT message_id, attempts FROM dead_letters").fetchall())
        assert parked == {no_item["id"]: 1, "not-json": 1}  # never retried: malformed stays malformed
        assert count(probe.database, "SELECT count(*) FROM inbox") == GOOD
    finally:
        probe.stop()
    assert queued(vhost_uri, "probe.events") == 0


def test_a_batch_commits_once_for_many_events(tmp_path, vhost_uri):
    probe = Probe(tmp_path, vhost_uri)
    probe.stop()
    events = [item_added(str(uuid.uuid4())) for _ in range(GOOD)]
    # A field a newer release added to the envelope: a consumer one release behind ignores it.
    events[7] = {**events[7], "partition_hint": "chugoku"}
    publish(vhost_uri, events)
    probe = Probe(tmp_path, vhost_uri)
    try:
        eventually(lambda: count(probe.database, "SELECT count(*) FROM effects") == GOOD)
        assert count(probe.database, "SELECT count(*) FROM dead_letters") == 0
        # One processed_at per transaction: a batch's inbox rows share their insert's timestamp.
        transactions = count(probe.database, "SELECT count(DISTINCT processed_at) FROM inbox")
    finally:
        probe.stop()
    assert transactions <= GOOD // 10
    assert queued(vhost_uri, "probe.events") == 0


@pytest.mark.postgres
def test_two_copies_share_the_events_as_competing_consumers(tmp_path, vhost_uri, postgres_url):
    from services.common.tests.batch_probe import METADATA
    engine = create_engine(postgres_url)
    METADATA.create_all(engine)  # before the copies, which would race to create it
    copies = [Probe(tmp_path, vhost_uri, postgres_url, name=f"copy{i}") for i in (1, 2)]
    try:
        with kombu.Connection(vhost_uri) as connection:
            declared = connection.default_channel.queue_declare("probe.events", passive=True)
        assert declared.consumer_count == 2
        publish(vhost_uri, [item_added(str(uuid.uuid4())) for _ in range(300)])

        def applied():
            with engine.connect() as connection:
                return connection.execute(text("SELECT count(*) FROM effects")).scalar_one() == 300
        eventually(applied)
    finally:
        for probe in copies:
            probe.stop()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM inbox")).scalar_one() == 300
    engine.dispose()
    assert queued(vhost_uri, "probe.events") == 0


def test_apply_batch_runs_each_new_event_once_in_one_commit_with_its_own_causation():
    from dataclasses import dataclass

    from services.common.domain_events import DomainEvent
    from services.common.event_handling import apply_batch
    from services.common.unit_of_work import MemoryUnitOfWork

    @dataclass(frozen=True)
    class Noted(DomainEvent):
        type = "probe.noted"
        item_id: str

    class Recording(MemoryUnitOfWork):
        def __init__(self):
            super().__init__()
            self.staged = []

        def _commit(self, events):
            self.staged.extend(events)
            super()._commit(events)

    seen = []

    def handler(uow, event_id, payload):
        seen.append(payload["item_id"])
        uow.emit(Noted(payload["item_id"]))

    uow = Recording()
    first, second = item_added(str(uuid.uuid4())), item_added(str(uuid.uuid4()))
    events = [(first, first["payload"]), (second, second["payload"]), (first, first["payload"])]
    assert apply_batch(uow, events, {"probe.item_added": handler}) == 2
    assert uow.commits == 1 and seen == [first["payload"]["item_id"], second["payload"]["item_id"]]
    assert [(s.causation_id, s.correlation_id) for s in uow.staged] == [
        (first["id"], first["correlation_id"]), (second["id"], second["correlation_id"])]
    # a redelivered batch is absorbed by the inbox; a handler chosen per envelope works too
    assert apply_batch(uow, events, lambda envelope: handler) == 0
    assert uow.commits == 2 and len(seen) == 2
