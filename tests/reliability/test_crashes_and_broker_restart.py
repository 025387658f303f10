"""(a) 1,000 events while consumers are SIGKILLed and the broker restarts: each effect once."""
import threading
import time

import pytest

from tests.support.events import count_rows, register_many, registry_uow
from tests.support.platform import eventually, running_platform

pytestmark = pytest.mark.broker

EVENTS = 1_000


def test_every_event_has_its_effect_exactly_once_through_kills_and_a_broker_restart(
        tmp_path, private_broker):
    with running_platform(tmp_path, private_broker.uri) as platform:
        data = platform.data_dir
        uow = registry_uow(data)
        produced: list[str] = []
        producer_errors: list[BaseException] = []

        def produce():
            try:
                for batch in range(EVENTS // 50):
                    produced.extend(register_many(uow, 50, start=batch * 50))
                    time.sleep(0.3)  # keeps events flowing through the kills and the restart
            except BaseException as exc:  # surfaced by the assertion below
                producer_errors.append(exc)

        started = time.monotonic()
        producer = threading.Thread(target=produce)
        producer.start()
        time.sleep(1.0)
        platform.supervisor.kill("reports")
        time.sleep(1.0)
        platform.supervisor.kill("matching")
        time.sleep(1.0)
        private_broker.restart()
        time.sleep(1.0)
        platform.supervisor.kill("reports")
        producer.join(timeout=120)
        assert not producer.is_alive() and not producer_errors, producer_errors
        assert len(produced) == EVENTS

        # The supervisor notices each death within its poll and restarts after a short backoff.
        eventually(lambda: platform.supervisor.restarts("reports") >= 2
                   and platform.supervisor.restarts("matching") >= 1, timeout=30)

        def all_applied():
            return (count_rows(data / "reports.sqlite3", "organisation_facts") == EVENTS
                    and count_rows(data / "matching.sqlite3", "known_organisations") == EVENTS)
        eventually(all_applied, timeout=240, interval=1.0)
        drained = time.monotonic() - started

        for service, table in (("reports", "organisation_facts"), ("matching", "known_organisations")):
            database = data / f"{service}.sqlite3"
            assert count_rows(database, table) == EVENTS
            assert count_rows(database, "inbox", "type = 'registry.organisation_registered'") == EVENTS
            assert count_rows(database, "dead_letters") == 0
        assert count_rows(data / "registry.sqlite3", "outbox", "sent_at IS NULL") == 0
        duplicates = {s: platform.logs(s).count("duplicate event ignored") for s in ("reports", "matching")}
        restarts = {s: platform.supervisor.restarts(s) for s in ("registry", "matching", "notifications", "reports", "gateway")}
        print(f"\n[figures] {EVENTS} events, drained in {drained:.1f}s; duplicates absorbed {duplicates}; "
              f"process restarts {restarts}")
