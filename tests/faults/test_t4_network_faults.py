"""T4: network faults between a service (the probe: relay and consumer) and the broker, through
tests/support/tcp_proxy: the link down 10 s, +500 ms latency, upstream blackholed, downstream
blackholed (short heartbeats: 5 s). Lost 0, nothing applied twice, and after each fault heals an
outbox row committed then is applied end to end within 20 s (60 s where only the supervisor
restarting the process can recover it)."""
import threading
import time

import pytest

from tests.faults.probe import running_probe
from tests.support.history import History
from tests.support.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.broker, pytest.mark.timeout(500)]

FAULT_SECONDS = 12


def _end_to_end(probe, history: History, limit: float) -> float:
    """Seconds until a row committed now is relayed and consumed."""
    at = time.monotonic()
    marker = History()
    probe.write_outbox(marker, 1)
    [key] = marker.acknowledged()
    history.operations.extend(marker.operations)
    while key not in probe.effects():
        if time.monotonic() - at > limit:
            return float("inf")
        time.sleep(0.25)
    return time.monotonic() - at


def test_t4_network_faults_between_a_service_and_the_broker(tmp_path, vhost_uri):
    proxy = TcpProxy(5672)
    history = History()
    stop = threading.Event()
    try:
        with running_probe(tmp_path, proxy.uri(vhost_uri), env={"KYODO_PROBE_HEARTBEAT": "5"}) as probe:
            probe.amqp_uri = vhost_uri  # the checker reads queue depths on the broker itself

            def produce():
                while not stop.is_set():
                    probe.write_outbox(history, 20)
                    time.sleep(0.25)

            producer = threading.Thread(target=produce)
            producer.start()
            faults = {"down 10 s": lambda: (proxy.down(), time.sleep(10), proxy.up()),
                      "+500 ms latency": lambda: (proxy.latency(0.5), time.sleep(FAULT_SECONDS)),
                      "blackhole upstream": lambda: (proxy.blackhole("upstream"), time.sleep(FAULT_SECONDS)),
                      "blackhole downstream": lambda: (proxy.blackhole("downstream"), time.sleep(FAULT_SECONDS))}
            recovery = {}
            for name, inject in faults.items():
                assert _end_to_end(probe, history, 30) < 30, f"not flowing before '{name}'"
                restarts = probe.supervisor.restarts("probe")
                inject()
                proxy.heal()
                seconds = _end_to_end(probe, history, 90)
                recovery[name] = (round(seconds, 1), probe.supervisor.restarts("probe") - restarts)
            stop.set()
            producer.join(60)
            report = probe.wait_drained(history, timeout=120)
            report.extra.update({
                "history": history.counts(),
                "recovery after heal (s, process restarts)": recovery,
                "proxied connections opened": proxy.accepted,
                "duplicates absorbed by the inbox": probe.log().count("duplicate event ignored")})
            print(f"\n[T4 figures]\n{report.figures()}")
            view = report.view("probe effects")
            assert (view.lost, view.duplicated, view.unexpected) == ([], {}, [])
            assert report.drained and report.dead == 0
            for name, (seconds, restarted) in recovery.items():
                assert seconds <= (60 if restarted else 20), (name, seconds, restarted)
    finally:
        stop.set()
        proxy.close()
