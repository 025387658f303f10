"""T1: 10,000 events while the consumer is SIGKILLed 5 times under its supervisor.

Lost 0, each effect applied exactly once (the probe's effects table counts applications), and
the broker redelivered no more than 5 × the prefetch window (what the dead consumer held)."""
import threading
import time

import pytest

from services.common.nameko_events import EVENT_PREFETCH
from tests.faults.probe import publish_confirmed, running_probe
from tests.support.broker_faults import redelivered_total
from tests.support.history import History

pytestmark = [pytest.mark.broker, pytest.mark.timeout(600)]

EVENTS = 10_000
KILLS = 5
KILL_EVERY = 1_500  # published events between kills
# nameko's consumer takes as many messages as it has workers (KYODO_MAX_WORKERS, 10).
NAMEKO_PREFETCH = 10


@pytest.mark.parametrize("mode", ["batch", "single"])
def test_t1_ten_thousand_events_through_five_consumer_kills(tmp_path, private_broker, mode):
    history = History()
    with running_probe(tmp_path, private_broker.uri, mode=mode, node=private_broker.node) as probe:
        redelivered_before = redelivered_total(private_broker.node)
        producer = threading.Thread(target=publish_confirmed, args=(private_broker.uri, history, EVENTS),
                                    kwargs={"batch": 100, "pause": 0.5})
        started = time.monotonic()
        producer.start()
        kills = []
        prefetch = EVENT_PREFETCH if mode == "batch" else NAMEKO_PREFETCH
        for kill in range(KILLS):
            # Spread the kills over the load by progress, not time: a slow machine still kills
            # a consumer that has events in hand.
            while len(history.acknowledged()) < (kill + 1) * KILL_EVERY:
                time.sleep(0.1)
            published_before = len(history.acknowledged())
            applied_before = probe.effect_rows()
            probe.supervisor.kill("probe")
            killed_at = time.monotonic()
            while probe.supervisor.restarts("probe") < kill + 1:
                time.sleep(0.1)
            back = probe.wait_ready() + (time.monotonic() - killed_at)
            kills.append((published_before, applied_before, round(back, 1)))
        producer.join(timeout=300)
        assert not producer.is_alive()
        report = probe.wait_drained(history, timeout=300)
        drained_in = time.monotonic() - started
        redeliveries = redelivered_total(private_broker.node) - redelivered_before
        duplicates_absorbed = probe.log().count("duplicate event ignored")
        report.extra.update({
            "history": history.counts(), "kills (published, applied before the kill; s until serving again)": kills,
            "broker redeliveries": f"{redeliveries} (bound {KILLS} × prefetch {prefetch} = "
                                   f"{KILLS * prefetch})",
            "duplicates absorbed by the inbox": duplicates_absorbed,
            "effect rows": probe.effect_rows(), "drained in": f"{drained_in:.1f} s"})
        print(f"\n[T1 figures, {mode} consumer]\n{report.figures()}")

        view = report.view("probe effects")
        assert history.counts()["ok"] == EVENTS
        assert (view.lost, view.duplicated, view.unexpected) == ([], {}, [])
        assert probe.effect_rows() == EVENTS + view.unknown_applied
        assert report.drained and report.dead == 0
        assert probe.supervisor.restarts("probe") == KILLS
        assert redeliveries <= KILLS * prefetch
        assert all(published < EVENTS for published, _, _ in kills), "a kill came after the load"
