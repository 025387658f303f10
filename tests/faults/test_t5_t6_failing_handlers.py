"""T5: 10 % of handler runs raise a transient error: nothing is silently acked, all is processed.
T6: 10 poison events among 1,000: 990 processed, the 10 parked after the bounded attempts, and
each one replayed by an operator once its cause is repaired (a second replay is refused).

Both consumers of the kernel (one event per worker; batches) are exercised."""
import time

import pytest
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy import insert, text

from services.common.errors import Conflict
from tests.faults import probe_service
from tests.faults.probe import envelope, publish_envelopes, running_probe
from tests.support.history import History, latency_figures
from tests.support.signing import signed

pytestmark = [pytest.mark.broker, pytest.mark.timeout(300)]

FAST_RETRIES = {"KYODO_RETRY_DELAYS_MS": "200,400,800"}
ATTEMPTS = 4  # len(FAST_RETRIES) + 1
OPERATOR = {"role": "operator", "key_id": "fault-tests"}


def _letters(probe):
    with probe.engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(text(
            "SELECT id, message_id, attempts, error FROM dead_letters WHERE replayed_at IS NULL"))]


def _replay_all(probe, letters, latencies: list[float] | None = None, timeout: float = 90) -> list[str]:
    """Replay each letter as an operator does (RPC), then try again: the second is refused."""
    refused_again = []
    latencies = [] if latencies is None else latencies
    with ClusterRpcProxy({"AMQP_URI": probe.amqp_uri, "serializer": "json"}, timeout=timeout) as cluster:
        for letter in letters:
            started = time.monotonic()
            request = {"letter_id": letter["id"]}
            cluster.probe.replay_dead_letter(signed(OPERATOR, "probe", "replay_dead_letter", request),
                                             request)
            latencies.append(time.monotonic() - started)
        for letter in letters:
            try:
                request = {"letter_id": letter["id"]}
                cluster.probe.replay_dead_letter(
                    signed(OPERATOR, "probe", "replay_dead_letter", request), request)
            except Conflict:
                refused_again.append(letter["message_id"])
    return refused_again


@pytest.mark.parametrize("mode", ["single", "batch"])
def test_t5_transient_failures_are_retried_never_dropped(tmp_path, vhost_uri, mode):
    history = History()
    env = {**FAST_RETRIES, "KYODO_PROBE_TRANSIENT_RATE": "0.1"}
    with running_probe(tmp_path, vhost_uri, mode=mode, env=env) as probe:
        publish_envelopes(vhost_uri, history, [envelope() for _ in range(1_000)], batch=100)
        # Parked ones (4 failures in a row: ~1e-4 each) count as processed once replayed.
        report = probe.wait_drained(history, timeout=120)
        letters = _letters(probe)
        assert all("TransientFailure" in letter["error"] for letter in letters), letters
        if letters:
            _replay_all(probe, letters)
            report = probe.wait_drained(history, timeout=60)
        log = probe.log()
        report.extra.update({
            "handler failures retried": log.count("event handling failed; retrying"),
            "failed batches split": log.count("applying its events one by one"),
            "parked then replayed": len(letters), "effect rows": probe.effect_rows()})
        print(f"\n[T5 figures, {mode} consumer]\n{report.figures()}")
        view = report.view("probe effects")
        assert (view.lost, view.duplicated, view.unexpected) == ([], {}, [])
        assert probe.effect_rows() == 1_000 and report.drained
        assert log.count("event handling failed; retrying") >= 50  # the faults did happen


@pytest.mark.parametrize("mode", ["single", "batch"])
def test_t6_poison_events_are_parked_after_bounded_attempts_and_replayable(tmp_path, vhost_uri, mode):
    history = History()
    with running_probe(tmp_path, vhost_uri, mode=mode, env=FAST_RETRIES) as probe:
        envelopes = [envelope() for _ in range(1_000)]
        poison = envelopes[5::100]
        with probe.engine.begin() as connection:
            connection.execute(insert(probe_service.poisoned), [
                {"organisation_id": e["payload"]["organisation_id"]} for e in poison])
        started = time.monotonic()
        publish_envelopes(vhost_uri, history, envelopes, batch=100)
        deadline = time.monotonic() + 120
        while (len(_letters(probe)) < len(poison) or probe.effect_rows() < 990) and time.monotonic() < deadline:
            time.sleep(0.5)
        letters = _letters(probe)
        parked_in = time.monotonic() - started
        effects_before_replay = probe.effect_rows()

        # The operator repairs the cause, then replays each letter.
        with probe.engine.begin() as connection:
            connection.execute(text("DELETE FROM poisoned"))
        replay_latencies: list[float] = []
        refused_again = _replay_all(probe, letters, replay_latencies)
        report = probe.wait_drained(history, timeout=60)
        report.extra.update({
            "processed before replay": effects_before_replay,
            "parked": f"{len(letters)} in {parked_in:.1f} s, attempts {sorted({l['attempts'] for l in letters})}",
            "second replay refused": len(refused_again), "effect rows": probe.effect_rows(),
            "replay answered in": latency_figures(replay_latencies),
            "SQLite 'database is locked' in handlers": probe.log().count("database is locked")})
        print(f"\n[T6 figures, {mode} consumer]\n{report.figures()}")

        assert effects_before_replay == 990
        assert sorted(l["message_id"] for l in letters) == sorted(e["id"] for e in poison)
        assert {l["attempts"] for l in letters} == {ATTEMPTS}
        assert all("Poisoned" in l["error"] for l in letters)
        view = report.view("probe effects")
        assert (view.lost, view.duplicated, view.unexpected) == ([], {}, [])
        assert probe.effect_rows() == 1_000 and report.drained and report.dead == 0
        assert len(refused_again) == len(poison)


# Parallel replays: a replay that held a SQLite write transaction while it waited for the
# broker's confirm made the next replay's UPDATE wait on SQLite's busy timeout inside C, where
# eventlet cannot switch greenthreads, freezing the whole process for 30-60 s. Replays now
# publish with no transaction open.
def test_t6_parallel_replays_answer_promptly(tmp_path, vhost_uri):
    import threading
    history = History()
    with running_probe(tmp_path, vhost_uri, mode="single", env=FAST_RETRIES) as probe:
        envelopes = [envelope() for _ in range(6)]
        with probe.engine.begin() as connection:
            connection.execute(insert(probe_service.poisoned), [
                {"organisation_id": e["payload"]["organisation_id"]} for e in envelopes])
        publish_envelopes(vhost_uri, history, envelopes)
        deadline = time.monotonic() + 60
        while len(_letters(probe)) < len(envelopes) and time.monotonic() < deadline:
            time.sleep(0.3)
        letters = _letters(probe)
        with probe.engine.begin() as connection:
            connection.execute(text("DELETE FROM poisoned"))
        latencies: list[float] = []

        def replay(part):
            try:
                _replay_all(probe, part, latencies, timeout=10)
            except Exception:  # noqa: BLE001 — an RPC timeout is the failure measured here
                latencies.append(10.0)

        threads = [threading.Thread(target=replay, args=(letters[i::3],)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        report = probe.wait_drained(history, timeout=15)
        report.extra.update({"parallel replays answered in": latency_figures(latencies),
                             "SQLite 'database is locked'": probe.log().count("database is locked")})
        print(f"\n[T6 figures, 3 operators replaying at once]\n{report.figures()}")
        assert len(letters) == len(envelopes) and report.lost == 0
        assert max(latencies) < 5.0
