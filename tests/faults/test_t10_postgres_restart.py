"""T10: registry's PostgreSQL (a private cluster: initdb + pg_ctl on its own port and folder)
restarted while organisations are registered through the gateway.

Requests during the outage fail cleanly (503 problem+json), nothing is half-written (no
organisation without its event, no event without its organisation), registry serves again by
itself, a retry with the same Idempotency-Key creates the organisation once, and no event is
lost downstream."""
import json
import random
import threading
import time
import uuid
from collections import Counter

import pytest
import requests

from gateway.api_keys import create_key
from gateway.dispatch import REQUEST_ID_NAMESPACE
from services.common.database import database_url, make_engine
from tests.support import checker
from tests.support.history import OK, REFUSED, UNKNOWN, History
from tests.support.platform import eventually, running_platform
from tests.support.private_postgres import PrivatePostgres

pytestmark = [pytest.mark.broker, pytest.mark.timeout(400)]

DOWN_SECONDS = 6


@pytest.fixture(scope="module")
def outage(tmp_path_factory, module_vhost_uri):
    postgres = PrivatePostgres()
    postgres.init()
    postgres.start()
    registry_url = postgres.create_database("kyodo_registry")
    history = History()
    answers: list[tuple[float, int, str]] = []   # (time, status, content type)
    keys: dict[str, tuple[str, dict]] = {}        # organisation id: (idempotency key, body)
    try:
        with running_platform(tmp_path_factory.mktemp("t10"), module_vhost_uri,
                              env={"KYODO_REGISTRY_DATABASE_URL": registry_url}) as platform:
            key_id, key = create_key(make_engine(database_url("gateway")), "operator", "t10")
            stop = threading.Event()

            def register(idempotency_key, body, organisation_id):
                started = time.monotonic()
                try:
                    response = requests.post(f"{platform.url}/organisations", json=body, timeout=15, headers={
                        "Authorization": f"Bearer {key}", "Idempotency-Key": idempotency_key})
                except requests.RequestException as exc:
                    history.record(organisation_id, "register", UNKNOWN, started, repr(exc))
                    answers.append((started, 0, ""))
                    return None
                answers.append((started, response.status_code, response.headers.get("Content-Type", "")))
                outcome = (OK if response.status_code == 201 else
                           REFUSED if 400 <= response.status_code < 500 else UNKNOWN)
                history.record(organisation_id, "register", outcome, started, str(response.status_code))
                return response

            def produce():
                while not stop.is_set():
                    idempotency_key = str(uuid.uuid4())
                    organisation_id = str(uuid.uuid5(REQUEST_ID_NAMESPACE, f"{key_id}:{idempotency_key}"))
                    body = {"name": f"停電試験{organisation_id[:8]}", "name_kana": "ていでんしけん",
                            "kind": "citizen_group", "region": random.choice(["yu", "kuga"]), "fields": ["welfare"]}
                    keys[organisation_id] = (idempotency_key, body)
                    register(idempotency_key, body, organisation_id)
                    time.sleep(0.05)

            producer = threading.Thread(target=produce)
            producer.start()
            time.sleep(4)
            down_at = time.monotonic()
            postgres.restart(down_for=DOWN_SECONDS)
            back_at = time.monotonic()
            time.sleep(6)
            stop.set()
            producer.join(60)
            first_ok_after = min((t for t, status, _ in answers if t >= back_at and status == 201), default=None)
            # Clients retry what failed, with the same Idempotency-Key.
            retried = Counter()
            for organisation_id in sorted(history.unknown()):
                idempotency_key, body = keys[organisation_id]
                response = register(idempotency_key, body, organisation_id)
                retried[response.status_code if response is not None else 0] += 1
            def applied_everywhere():
                report = _report(platform, registry_url, history)
                return report.lost == 0 and report
            report = eventually(applied_everywhere, timeout=90, interval=1.0) or _report(platform, registry_url, history)
            yield {"history": history, "answers": answers, "down_at": down_at, "back_at": back_at,
                   "first_ok_after": first_ok_after, "retried": retried, "report": report,
                   "registry_url": registry_url}
    finally:
        postgres.destroy()


def _report(platform, registry_url, history) -> checker.Report:
    # "Acknowledged" for the checker: every command that ended 201, first try or retry.
    final = History()
    outcomes = {}
    for operation in history.operations:
        if outcomes.get(operation.key) != OK:
            outcomes[operation.key] = operation.outcome
    for key, outcome in outcomes.items():
        final.record(key, "register", outcome, 0.0)
    report = checker.Report()
    report.views.append(checker.compare("registry organisations (PostgreSQL)", final, checker.sql_counter(
        registry_url, "SELECT id, count(*) FROM organisations GROUP BY id")))
    events = Counter()
    for (envelope,) in make_engine(registry_url).connect().exec_driver_sql(
            "SELECT envelope FROM outbox WHERE type = 'registry.organisation_registered'"):
        events[json.loads(envelope)["payload"]["organisation_id"]] += 1
    report.views.append(checker.compare("registry outbox events", final, events))
    for service, table in (("reports", "organisation_facts"), ("matching", "known_organisations")):
        url = f"sqlite:///{platform.data_dir / (service + '.sqlite3')}"
        report.views.append(checker.compare(f"{service} {table}", final, checker.sql_counter(
            url, f"SELECT organisation_id, count(*) FROM {table} GROUP BY organisation_id")))
    report.outbox_unsent = {"registry": checker.outbox_unsent(registry_url)}
    return report


def test_t10_nothing_lost_or_half_written_and_registry_recovers_by_itself(outage):
    report, history = outage["report"], outage["history"]
    during = Counter(status for t, status, _ in outage["answers"]
                     if outage["down_at"] <= t <= outage["back_at"])
    recovered_in = (outage["first_ok_after"] - outage["back_at"]) if outage["first_ok_after"] else None
    report.extra.update({
        "commands": history.counts(), "answers while PostgreSQL was down": dict(during),
        "first 201 after PostgreSQL was back (s)": round(recovered_in, 1) if recovered_in is not None else None,
        "retries with the same Idempotency-Key": dict(outage["retried"])})
    print(f"\n[T10 figures, PostgreSQL down {DOWN_SECONDS} s]\n{report.figures()}")
    rows = report.view("registry organisations (PostgreSQL)")
    events = report.view("registry outbox events")
    assert sum(during.values()) > 0, "no request fell in the outage"
    assert (rows.lost, rows.duplicated, rows.unexpected) == ([], {}, [])
    assert (events.lost, events.duplicated, events.unexpected) == ([], {}, [])
    assert rows.applied == events.applied  # no organisation without its event and vice versa
    assert report.lost == 0 and report.duplicated == 0 and report.unexpected == 0
    assert report.unsent == 0
    assert recovered_in is not None and recovered_in <= 30
    assert set(outage["retried"]) <= {201}


def test_t10_requests_during_the_outage_fail_as_503_problem_json(outage):
    failed = [(status, kind) for t, status, kind in outage["answers"]
              if outage["down_at"] <= t <= outage["back_at"] + 2 and status != 201]
    print(f"\n[T10 figures] failed answers around the outage: {Counter(failed)}")
    assert failed, "no request failed during the outage"
    assert all(status == 503 and kind.startswith("application/problem+json") for status, kind in failed)
