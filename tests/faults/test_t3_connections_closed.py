"""T3: every client connection closed by the broker 3 times while events flow: nothing lost,
nothing applied twice, consumer and relay reconnected within 10 s."""
import threading
import time

import pytest

from tests.faults.probe import running_probe
from tests.support.broker_faults import close_all_connections, consumer_count
from tests.support.history import History

pytestmark = [pytest.mark.broker, pytest.mark.timeout(400)]

MIN_COMMANDS = 1_000
CLOSES = 3


def test_t3_all_connections_closed_three_times(tmp_path, vhost_uri):
    history = History()
    stop = threading.Event()
    with running_probe(tmp_path, vhost_uri, mode="batch") as probe:
        def produce():
            while not stop.is_set():
                probe.write_outbox(history, 50)
                time.sleep(0.2)

        producer = threading.Thread(target=produce)
        producer.start()
        reconnect = []
        for _ in range(CLOSES):
            time.sleep(2.5)
            closed = close_all_connections(vhost_uri)
            at = time.monotonic()
            time.sleep(0.3)
            while consumer_count(vhost_uri, "probe.events") < 1:
                assert time.monotonic() - at < 60, probe.log()[-3000:]
                time.sleep(0.2)
            # … and the relay publishes again: an outbox row committed now gets applied.
            marker = History()
            probe.write_outbox(marker, 1)
            [key] = marker.acknowledged()
            while key not in probe.effects():
                assert time.monotonic() - at < 60, probe.log()[-3000:]
                time.sleep(0.2)
            history.operations.extend(marker.operations)
            reconnect.append((closed, round(time.monotonic() - at, 1)))
        load_covered = producer.is_alive()
        time.sleep(2.0)  # load after the last fault too
        stop.set()
        producer.join(timeout=120)
        report = probe.wait_drained(history, timeout=120)
        report.extra.update({
            "history": history.counts(),
            "closes (connections closed, s until consumed end to end again)": reconnect,
            "process restarts": probe.supervisor.restarts("probe"),
            "duplicates absorbed by the inbox": probe.log().count("duplicate event ignored")})
        print(f"\n[T3 figures]\n{report.figures()}")

        view = report.view("probe effects")
        assert load_covered, "the workload ended before the last close"
        assert (view.lost, view.duplicated, view.unexpected) == ([], {}, [])
        assert report.drained and report.dead == 0
        assert max(seconds for _, seconds in reconnect) <= 10
