"""T2: the broker (a private node) restarted 3 times while commands commit to an outbox.

Every committed outbox row is relayed once confirmed and applied once; after the drain no row is
unsent; consumers serve again within 30 s of the broker being back."""
import threading
import time

import pytest

from tests.faults.probe import running_probe
from tests.support.broker_faults import consumer_count
from tests.support.history import History

pytestmark = [pytest.mark.broker, pytest.mark.timeout(600)]

MIN_COMMANDS = 1_000  # at 50 every 0.25 s the load lasts through all the restarts
RESTARTS = 3


def test_t2_outbox_and_consumer_survive_three_broker_restarts(tmp_path, private_broker):
    history = History()
    with running_probe(tmp_path, private_broker.uri, mode="batch", node=private_broker.node) as probe:
        stop = threading.Event()

        def produce():
            while not stop.is_set():
                probe.write_outbox(history, 50)
                time.sleep(0.25)

        producer = threading.Thread(target=produce)
        producer.start()
        back_in = []
        for _ in range(RESTARTS):
            time.sleep(3.0)
            private_broker.restart()
            back = time.monotonic()
            while consumer_count(probe.amqp_uri, "probe.events", probe.node) < 1:
                assert time.monotonic() - back < 60, probe.log()[-3000:]
                time.sleep(0.5)
            back_in.append(round(time.monotonic() - back, 1))
        load_covered = producer.is_alive()
        time.sleep(2.0)  # load after the last fault too
        stop.set()
        producer.join(timeout=120)
        report = probe.wait_drained(history, timeout=180)
        confirmed_lost = [k for k in report.view("probe effects").lost]
        report.extra.update({
            "history": history.counts(), "consumer serving again after broker back (s)": back_in,
            "process restarts": probe.supervisor.restarts("probe"),
            "relay failures logged": probe.log().count("outbox relay failed"),
            "duplicates absorbed by the inbox": probe.log().count("duplicate event ignored")})
        print(f"\n[T2 figures]\n{report.figures()}")

        view = report.view("probe effects")
        assert load_covered, "the workload ended before the last restart"
        assert history.counts()["ok"] >= MIN_COMMANDS
        assert confirmed_lost == [] and view.duplicated == {} and view.unexpected == []
        assert report.unsent == 0 and report.drained and report.dead == 0
        assert max(back_in) <= 30
