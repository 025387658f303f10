"""Scenarios on the whole platform (four services and the gateway as real processes):

T7  an event published before any consumer of it ever started is delivered when it starts;
T12 PII canaries put in every personal field through the API never appear in events on the
    broker, dead letters, outbox rows or logs;
T11 a stalled service (SIGSTOP): every gateway call to it is answered 503/504 within the RPC
    timeout + 1 s, and the other services' routes stay responsive.
"""
import os
import signal
import threading
import time
import uuid

import kombu
import pytest
import requests

from deploy import platform as deploy_platform
from deploy.components import SERVICE_NAMES
from services.common import topology
from tests.support import canaries
from tests.support.broker_faults import queue_depths
from tests.support.events import count_rows, organisation_registered, publish_raw
from tests.support.history import OK, REFUSED, UNKNOWN, History, latency_figures, percentile
from tests.support.platform import eventually, running_platform

pytestmark = [pytest.mark.broker, pytest.mark.timeout(300)]

RPC_TIMEOUT = 5.0  # running_platform's KYODO_RPC_TIMEOUT


@pytest.fixture(scope="module")
def world(tmp_path_factory, module_vhost_uri):
    data_dir = tmp_path_factory.mktemp("faults-platform")
    # What `./kyodo up` does first: the whole topology, before any service process exists.
    with kombu.Connection(module_vhost_uri) as connection:
        topology.declare(connection, deploy_platform.all_subscriptions(), rpc_services=SERVICE_NAMES)
    tap = canaries.EventTap(module_vhost_uri)
    tap.declare()
    early = organisation_registered(str(uuid.uuid4()), region="miwa")
    publish_raw(module_vhost_uri, early)  # confirmed and routed, no consumer has ever run
    published_at = time.monotonic()
    with running_platform(data_dir, module_vhost_uri) as running:
        yield {"platform": running, "early": early, "published_at": published_at, "tap": tap,
               "uri": module_vhost_uri}


def test_t7_an_event_published_before_its_consumers_ever_started_is_delivered(world):
    platform, early = world["platform"], world["early"]
    organisation_id = early["payload"]["organisation_id"]
    where = f"organisation_id = '{organisation_id}'"
    eventually(lambda: count_rows(platform.data_dir / "reports.sqlite3", "organisation_facts", where) == 1
               and count_rows(platform.data_dir / "matching.sqlite3", "known_organisations", where) == 1,
               timeout=30)
    waited = time.monotonic() - world["published_at"]
    print(f"\n[T7 figures] published before any consumer started; applied by reports and matching "
          f"{waited:.1f} s after publishing (platform start included)")


def test_t12_pii_canaries_never_leave_their_service(world):
    platform = world["platform"]
    marks = {"organisation contact email": canaries.canary_text(),
             "organisation contact phone": canaries.canary_digits(),
             "roster name": "氏名" + canaries.canary_text(),
             "roster email": canaries.canary_text(), "roster phone": canaries.canary_digits(),
             "consultation person": canaries.canary_text(), "consultation notes": canaries.canary_text(),
             "consultation coordinator": canaries.canary_text(),
             "talent contact email": canaries.canary_text(), "talent contact phone": canaries.canary_digits()}
    organisation = platform.call("POST", "/organisations", body={
        "name": "個人情報試験の会", "name_kana": "こじんじょうほうしけんのかい", "kind": "citizen_group",
        "region": "kuga", "fields": ["welfare"], "contacts": [
            {"channel": "email", "value": f"{marks['organisation contact email']}@example.jp", "visibility": "operators"},
            {"channel": "phone", "value": marks["organisation contact phone"], "visibility": "members"}]})
    assert organisation.status_code == 201, organisation.text
    organisation_id = organisation.json()["id"]
    roster = platform.call("POST", f"/organisations/{organisation_id}/roster", body={
        "role": "officer", "title": "会長", "name": marks["roster name"],
        "email": f"{marks['roster email']}@example.jp", "phone": marks["roster phone"]})
    assert roster.status_code == 201, roster.text
    consultation = platform.call("POST", "/consultations", body={
        "channel": "counter", "topics": ["funding"], "organisation_id": organisation_id,
        "person": marks["consultation person"], "notes": marks["consultation notes"],
        "coordinator": marks["consultation coordinator"]})
    assert consultation.status_code == 201, consultation.text
    talent_id = str(uuid.uuid4())
    talent = platform.call("POST", "/talents", platform.key_for("citizen", talent_id), body={
        "age_band": "20代", "skills": {"first_aid": 3}, "interests": ["welfare"], "regions": ["kuga"],
        "home_region": "kuga", "max_hours_per_month": 10,
        "contact": {"email": f"{marks['talent contact email']}@example.jp",
                    "phone": marks["talent contact phone"]}})
    assert talent.status_code == 201, talent.text

    # Wait for every event of the workload to be consumed everywhere (the tap keeps copies).
    def settled():
        depths = queue_depths(world["uri"])
        return all(d == (0, 0) for q, d in depths.items()
                   if q.endswith(".events") or ".retry." in q)
    eventually(settled, timeout=60, interval=0.5)
    time.sleep(1.0)  # the last consumer's log lines

    events = world["tap"].drain()
    depths = queue_depths(world["uri"])
    waiting = canaries.peek_queues(world["uri"], [q for q in depths if q != world["tap"].queue.name])
    rows = []
    for component in (*SERVICE_NAMES, "gateway"):
        rows += canaries.database_rows(f"sqlite:///{platform.data_dir / (component + '.sqlite3')}")
    logs = canaries.log_text(platform.data_dir / "logs")
    places = {"events on the broker": "\n".join(events), "messages waiting on queues": "\n".join(waiting),
              "outbox and dead-letter rows": "\n".join(rows), "logs": logs}
    leaks = {place: canaries.found_in(text, marks) for place, text in places.items()}
    # Positive control: the scan does find the canaries where they belong.
    stored = b"".join(p.read_bytes() for p in platform.data_dir.glob("registry.sqlite3*"))
    stored += b"".join(p.read_bytes() for p in platform.data_dir.glob("matching.sqlite3*"))
    control = canaries.found_in(stored.decode("utf-8", "replace"), marks)
    print(f"\n[T12 figures] {len(marks)} canaries; scanned {len(events)} events, {len(waiting)} waiting "
          f"messages, {len(rows)} outbox/dead-letter rows, {len(logs.splitlines())} log lines; "
          f"leaks {leaks}; found in the owning databases (control): {len(control)}/{len(marks)}")
    assert len(events) >= 4  # organisation, roster entry, consultation, talent at least
    assert sorted(control) == sorted(marks)
    assert leaks == {place: [] for place in places}


def test_t11_a_stalled_service_gets_fast_failures_and_others_stay_responsive(world):
    platform = world["platform"]
    stalled, healthy = "/reports/summary", "/organisations?limit=5"
    assert platform.call("GET", stalled).status_code == 200
    baseline = [_timed(platform, healthy)[1] for _ in range(10)]
    pid = platform.supervisor.pid("reports")
    stalled_history, healthy_history = History(), History()
    os.kill(pid, signal.SIGSTOP)
    try:
        def hit_stalled(n):
            for _ in range(n):
                status, seconds, started = _timed(platform, stalled)
                stalled_history.record(str(uuid.uuid4()), "stalled", OK if status in (503, 504) else (
                    UNKNOWN if status is None else REFUSED), started, str(status))

        def hit_healthy(n):
            for _ in range(n):
                status, seconds, started = _timed(platform, healthy)
                healthy_history.record(str(uuid.uuid4()), "healthy", OK if status == 200 else UNKNOWN,
                                       started, str(status))
                time.sleep(0.1)

        threads = [threading.Thread(target=hit_stalled, args=(3,)) for _ in range(12)]
        threads += [threading.Thread(target=hit_healthy, args=(40,))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    finally:
        os.kill(pid, signal.SIGCONT)
    recovered = eventually(lambda: platform.call("GET", stalled).status_code == 200, timeout=30)
    assert recovered
    stalled_latencies = stalled_history.latencies()
    healthy_latencies = healthy_history.latencies()
    statuses = sorted({o.detail for o in stalled_history.operations})
    print(f"\n[T11 figures] stalled service (reports, SIGSTOP), RPC timeout {RPC_TIMEOUT:.0f} s: "
          f"{len(stalled_latencies)} calls, answers {statuses}, {stalled_history.counts()}, "
          f"{latency_figures(stalled_latencies)}\n  other service (registry) during the stall: "
          f"{healthy_history.counts()}, {latency_figures(healthy_latencies)}; before the stall: "
          f"{latency_figures(baseline)}; reports serving again after SIGCONT: {bool(recovered)}")
    assert stalled_history.counts()["ok"] == len(stalled_latencies)
    assert max(stalled_latencies) <= RPC_TIMEOUT + 1.0
    assert healthy_history.counts()["ok"] == len(healthy_latencies)
    # "Stays responsive": the other service's p99 under 1 s while 12 callers wait on the stall.
    assert percentile(healthy_latencies, 0.99) <= 1.0


def _timed(platform, path):
    started = time.monotonic()
    try:
        status = platform.call("GET", path).status_code
    except requests.RequestException:
        status = None
    return status, time.monotonic() - started, started
