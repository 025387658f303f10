"""T9: a property test of the idempotent consumer (the kernel's apply_once / apply_batch over the
kernel's SQL inbox): any interleaving of duplicates, redeliveries, batches that share events
and crashes mid-transaction leaves each event's effect applied exactly once.

The effects table counts applications (no key on the event), so a duplicate that got past the
inbox would be seen. On PostgreSQL, concurrent workers given the same events apply each once."""
import threading
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from services.common.database import make_engine, make_session_factory
from services.common.event_handling import apply_batch, apply_once
from tests.faults import probe_service
from tests.faults.probe import envelope
from tests.support.checker import compare
from tests.support.history import OK, History

EVENTS = 8


class Crash(Exception):
    """The process dying mid-transaction: whatever the transaction wrote is not committed."""


def _uow(engine):
    return probe_service.ProbeUnitOfWork(make_session_factory(engine), "probe",
                                         probe_service.CATALOGUE, probe_service.MESSAGING)


def _crashing_handlers(crash_on: set[str]):
    def handler(uow, event_id, payload):
        probe_service.on_registered(uow, event_id, payload)
        if event_id in crash_on:
            crash_on.discard(event_id)  # a crash happens once; the redelivery succeeds
            raise Crash(event_id)
    return {probe_service.EVENT_TYPE: handler}


def _loaded(envelopes):
    return [(e, probe_service.CATALOGUE.load_incoming(e)[1]) for e in envelopes]


step = st.tuples(st.sampled_from(["one", "batch"]),
                 st.lists(st.integers(0, EVENTS - 1), min_size=1, max_size=6),
                 st.one_of(st.none(), st.integers(0, 5)))


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('t9') / 'probe.sqlite3'}")
    yield engine
    engine.dispose()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=25))
def test_t9_any_interleaving_applies_each_effect_once(engine, steps):
    probe_service.metadata.drop_all(engine)
    probe_service.metadata.create_all(engine)
    uow = _uow(engine)
    envelopes = [envelope() for _ in range(EVENTS)]
    events = _loaded(envelopes)
    history = History()
    acked: set[str] = set()
    for kind, indices, crash_position in steps:
        chosen = [events[i] for i in indices]
        crash_on = ({str(chosen[crash_position][0]["id"])}
                    if crash_position is not None and crash_position < len(chosen) else set())
        handlers = _crashing_handlers(crash_on)
        try:
            if kind == "one":
                for loaded_envelope, payload in chosen:
                    apply_once(uow, loaded_envelope, payload, handlers[probe_service.EVENT_TYPE])
                    acked.add(str(loaded_envelope["id"]))
            else:
                apply_batch(uow, chosen, handlers)
                acked.update(str(e["id"]) for e, _ in chosen)
        except Crash:
            pass  # not acked: the broker redelivers it later (the final sweep below)
    # The broker keeps redelivering until each delivered event is acked.
    delivered = {str(events[i][0]["id"]) for _, indices, _ in steps for i in indices}
    for loaded_envelope, payload in events:
        if str(loaded_envelope["id"]) in delivered - acked:
            apply_once(uow, loaded_envelope, payload, probe_service.on_registered)
    for message_id in delivered:
        history.record(message_id, "event", OK, 0.0)

    with engine.connect() as connection:
        effects = Counter({m: n for m, n in connection.execute(
            text("SELECT message_id, count(*) FROM effects GROUP BY message_id"))})
        inbox = connection.execute(text("SELECT count(*) FROM inbox")).scalar()
    view = compare("effects", history, effects)
    assert (view.lost, view.duplicated, view.unexpected) == ([], {}, [])
    assert inbox == len(delivered)


@pytest.mark.postgres
def test_t9_concurrent_workers_given_the_same_events_apply_each_once(postgres_url):
    """Four workers race over the same 50 events (as after a redelivery to a second copy of a
    service): the inbox's key turns every loser into a retry that finds the event done."""
    engine = make_engine(postgres_url)
    probe_service.metadata.create_all(engine)
    events = _loaded([envelope() for _ in range(50)])
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []
    losers = Counter()

    def worker(seed: int):
        uow = _uow(engine)
        order = events[seed:] + events[:seed]
        barrier.wait()
        for loaded_envelope, payload in order:
            for _attempt in range(5):  # what the consumer's retry does
                try:
                    apply_once(uow, loaded_envelope, payload, probe_service.on_registered)
                    break
                except Exception as exc:  # noqa: BLE001 — IntegrityError on the inbox key
                    if "inbox" not in str(exc) and "duplicate key" not in str(exc):
                        errors.append(exc)
                        return
                    losers[seed] += 1

    threads = [threading.Thread(target=worker, args=(seed * 12,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    with engine.connect() as connection:
        effects = Counter({m: n for m, n in connection.execute(
            text("SELECT message_id, count(*) FROM effects GROUP BY message_id"))})
    engine.dispose()
    print(f"\n[T9 figures] 4 workers × 50 shared events: effects {sum(effects.values())}, "
          f"distinct {len(effects)}, inbox-key conflicts retried {sum(losers.values())}")
    assert errors == []
    assert len(effects) == 50 and set(effects.values()) == {1}
