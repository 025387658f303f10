"""W3C trace context end to end on the real platform: a `traceparent` sent to the gateway is kept
with the event registry raises (its outbox row), travels with the event, and the consumers'
spans continue that trace (exported over OTLP/HTTP to a collector stand-in on loopback); a dead
letter keeps it and its replay is handled in that trace again."""
import json
import secrets
import sqlite3
import time
import uuid

import pytest
from sqlalchemy import MetaData, select

from services.common.database import database_url, make_engine
from services.common.messaging_tables import messaging_tables
from tests.support.events import organisation_registered, publish_raw
from tests.support.otlp_collector import OtlpCollector
from tests.support.platform import eventually, running_platform

pytestmark = pytest.mark.broker

CONSUMERS = (b"kyodo-matching", b"kyodo-reports")  # batch and single-event consumers


@pytest.fixture(scope="module")
def traced(tmp_path_factory, module_vhost_uri):
    with OtlpCollector(tmp_path_factory.mktemp("otlp")) as collector:
        env = {"OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint, "OTEL_BSP_SCHEDULE_DELAY": "200",
               "KYODO_RETRY_DELAYS_MS": "200,400,800"}
        with running_platform(tmp_path_factory.mktemp("traced"), module_vhost_uri, env) as platform:
            yield platform, collector


def test_a_traceparent_sent_to_the_gateway_reaches_the_outbox_row_and_the_consumers_spans(traced):
    platform, collector = traced
    trace_id = secrets.token_hex(16)
    response = platform.call("POST", "/organisations", headers={
        "traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}, body={
        "name": f"玖珂たすけあい会{uuid.uuid4().hex[:6]}", "name_kana": "くがたすけあいかい",
        "kind": "citizen_group", "region": "kuga", "fields": ["welfare"],
        "description": "玖珂地区で見守り活動をしています。"})
    assert response.status_code == 201, response.text
    organisation_id = response.json()["id"]

    outbox = messaging_tables(MetaData()).outbox
    engine = make_engine(database_url("registry"))
    with engine.connect() as connection:
        rows = connection.execute(select(outbox.c.traceparent, outbox.c.municipality_code)
                                  .where(outbox.c.envelope.contains(organisation_id))).all()
    engine.dispose()
    assert rows and all(row.traceparent.split("-")[1] == trace_id for row in rows)
    assert {row.municipality_code for row in rows} == {"352080"}

    # Each consumer's process exports its span of the event under the request's trace id.
    def spanned_by() -> set[bytes]:
        bodies = [body for body in collector.bodies() if bytes.fromhex(trace_id) in body]
        return {name for name in (b"kyodo-registry", *CONSUMERS) if any(name in body for body in bodies)}
    eventually(lambda: spanned_by() == {b"kyodo-registry", *CONSUMERS}, timeout=60)


def test_a_dead_letter_keeps_its_trace_and_its_replay_is_handled_in_it(traced, module_vhost_uri):
    platform, collector = traced
    reports_db = platform.data_dir / "reports.sqlite3"
    organisation_id = str(uuid.uuid4())
    publish_raw(module_vhost_uri, organisation_registered(organisation_id))
    eventually(lambda: _facts(reports_db, organisation_id) == 1)
    # The same organisation again breaks reports' primary key on every attempt: parked.
    trace_id = secrets.token_hex(16)
    poison = organisation_registered(organisation_id)
    publish_raw(module_vhost_uri, poison, headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"})
    parked = eventually(lambda: _letter(reports_db, poison["id"]), timeout=60)
    assert json.loads(parked["headers"])["traceparent"].split("-")[1] == trace_id

    def spans_in_trace() -> int:
        return sum(body.count(bytes.fromhex(trace_id)) for body in collector.bodies() if b"kyodo-reports" in body)
    time.sleep(1.0)  # the failed attempts' spans are exported within the 200 ms schedule
    before = spans_in_trace()
    assert before >= 1
    with sqlite3.connect(reports_db) as db:
        db.execute("DELETE FROM organisation_facts WHERE organisation_id = ?", (organisation_id,))
    replayed = platform.call("POST", f"/admin/dead-letters/reports/{parked['id']}/replay")
    assert replayed.status_code == 200, replayed.text
    eventually(lambda: _facts(reports_db, organisation_id) == 1)
    eventually(lambda: spans_in_trace() > before)


def _facts(database, organisation_id: str) -> int:
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute("SELECT count(*) FROM organisation_facts WHERE organisation_id = ?",
                          (organisation_id,)).fetchone()[0]


def _letter(database, message_id: str) -> dict | None:
    with sqlite3.connect(database, timeout=30) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT id, headers FROM dead_letters WHERE message_id = ?", (message_id,)).fetchone()
    return dict(row) if row else None
