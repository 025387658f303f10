"""T8: a process SIGKILLed at each point of the outbox write path (the real registry use case on
its real schema): no organisation without its event, no event without its organisation, and
after a relay restarts, every acknowledged organisation's event is applied exactly once."""
import json
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from sqlalchemy import create_engine, text

from services.common.confirming_publisher import ConfirmingPublisher
from services.common.migrations import upgrade
from services.common.outbox_relay import OutboxRelay
from services.registry.adapters.tables import MESSAGING
from tests.faults.probe import running_probe
from tests.support import checker
from tests.support.history import OK, UNKNOWN, History

pytestmark = [pytest.mark.broker, pytest.mark.timeout(300)]

COMMANDS = 40


@pytest.fixture(scope="module")
def probe(tmp_path_factory, module_vhost_uri):
    with running_probe(tmp_path_factory.mktemp("t8probe"), module_vhost_uri) as running:
        yield running


@pytest.mark.parametrize("point", ["before_commit", "after_commit", "after_publish"])
def test_t8_crash_in_the_outbox_write_path(tmp_path, module_vhost_uri, probe, point):
    url = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    upgrade("registry", url)
    child = subprocess.run([sys.executable, "-m", "tests.faults.outbox_crash_child", str(tmp_path),
                            module_vhost_uri, point, str(COMMANDS)], capture_output=True, text=True,
                           timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr[-3000:]

    history = History()
    acknowledged = (tmp_path / "acknowledged.txt").read_text().split()
    in_flight = (tmp_path / "in_flight.txt").read_text().strip()
    for organisation_id in acknowledged:
        history.record(organisation_id, "register", OK, 0.0)
    if in_flight not in acknowledged:
        history.record(in_flight, "register", UNKNOWN, 0.0)

    engine = create_engine(url)
    with engine.connect() as connection:
        rows = Counter(r for (r,) in connection.execute(text("SELECT id FROM organisations")))
        outbox = [(json.loads(envelope), sent) for envelope, sent in connection.execute(
            text("SELECT envelope, sent_at FROM outbox WHERE type = 'registry.organisation_registered'"))]
    events = Counter(e["payload"]["organisation_id"] for e, _ in outbox)
    rows_without_event = sorted(set(rows) - set(events))
    events_without_row = sorted(set(events) - set(rows))

    # The relay comes back (a fresh one, as after a restart) and sends what is unsent.
    relayed = OutboxRelay(engine, MESSAGING, ConfirmingPublisher(module_vhost_uri)).relay_once()
    message_ids = {e["id"]: e["payload"]["organisation_id"] for e, _ in outbox}

    def applied_by_organisation():
        counts = Counter()
        for message_id, n in probe.effects().items():
            if message_id in message_ids:
                counts[message_ids[message_id]] += n
        return counts

    report = checker.Report()
    effects = _wait(applied_by_organisation, lambda counts: set(counts) >= set(acknowledged))
    report.views = [checker.compare("registry organisations", history, rows),
                    checker.compare("registry outbox events", history, events),
                    checker.compare("consumer effects", history, effects)]
    report.outbox_unsent = {"registry": checker.outbox_unsent(url)}
    report.extra.update({"crash point": point, "acknowledged before the crash": len(acknowledged),
                         "in flight": "applied" if in_flight in rows else "not applied",
                         "rows without event": len(rows_without_event),
                         "events without row": len(events_without_row),
                         "relayed after restart": relayed})
    print(f"\n[T8 figures, {point}]\n{report.figures()}")
    engine.dispose()

    assert rows_without_event == [] and events_without_row == []
    assert report.lost == 0 and report.duplicated == 0 and report.unexpected == 0
    assert report.unsent == 0
    assert len(acknowledged) == (COMMANDS - 1 if point != "after_publish" else COMMANDS)


def _wait(read, until, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if until(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.3)
