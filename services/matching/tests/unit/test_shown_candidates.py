"""Candidates' impressions are stored before the read is answered, concurrent reads sharing one
commit; an erased person's are dropped, and a failed store fails every read in its batch."""
import threading
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from services.common.actor import Actor
from services.matching.app import erasure, recommendations
from services.matching.app.shown_candidates import ShownCandidates
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.registry_events import deliver, registry_event
from services.matching.tests.unit.test_talents_and_matches import GROUP, ORG, new_talent, post_need

NOW = datetime(2027, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def uow():
    uow = MemoryMatchingUnitOfWork()
    deliver(uow, registry_event("registry.organisation_registered", {
        "organisation_id": ORG, "kind": "npo", "region": "yu", "fields": ["welfare"], "status": "verified"}))
    return uow


def test_listing_candidates_answers_once_the_shown_are_stored(uow):
    talent = new_talent(uow)
    need = post_need(uow)
    recommendations.candidates(uow, GROUP, need.id)
    assert [row[:2] for row in uow.impressions.rows] == [(talent, need.id)]
    report = recommendations.exposure_report(uow, Actor("operator"))
    assert {(row.dimension, row.group): row.shown for row in report.rows}[("age_band", "20代")] == 1


def test_an_erased_persons_impressions_are_dropped(uow):
    kept, erased = new_talent(uow), new_talent(uow)
    need = post_need(uow)
    erasure.erase_person(uow, Actor("operator"), erased)
    ShownCandidates().store(uow, [(kept, need.id, NOW), (erased, need.id, NOW)])
    assert uow.impressions.rows == [(kept, need.id, NOW)]


def test_a_failed_store_fails_the_read_and_keeps_nothing(uow):
    shown, talent = ShownCandidates(), new_talent(uow)
    need = post_need(uow)

    def broken(rows):
        raise OSError("disk full")
    record, uow.impressions.record = uow.impressions.record, broken
    with pytest.raises(OSError):
        shown.store(uow, [(talent, need.id, NOW)])
    uow.impressions.record = record
    assert uow.impressions.rows == []
    shown.store(uow, [(talent, need.id, NOW)])
    assert uow.impressions.rows == [(talent, need.id, NOW)]


class GatedUnitOfWork:
    """Stores into `commits` one list per transaction; the first commit waits for `gate`."""

    def __init__(self, commits: list, gate: threading.Event, fail_after_first=False):
        self.commits, self.gate, self.fail_after_first = commits, gate, fail_after_first
        self.talents = SimpleNamespace(known=lambda ids: ids)
        self.impressions = SimpleNamespace(record=self._record)
        self._rows = []

    def __enter__(self):
        self._rows = []
        return self

    def __exit__(self, *exc_info):
        return False

    def _record(self, rows):
        self._rows = rows

    def commit(self):
        if not self.commits:
            self.gate.wait(10)
        elif self.fail_after_first:
            raise OSError("disk full")
        self.commits.append(self._rows)


def _read(shown, uow, talent, outcomes):
    try:
        shown.store(uow, [(talent, "need", NOW)])
        outcomes[talent] = "stored"
    except OSError:
        outcomes[talent] = "failed"


@pytest.mark.parametrize("second_batch_fails", [False, True])
def test_reads_waiting_on_a_commit_share_the_next_and_are_answered_only_after_it(second_batch_fails):
    shown, commits, gate, outcomes = ShownCandidates(), [], threading.Event(), {}
    uow = GatedUnitOfWork(commits, gate, fail_after_first=second_batch_fails)
    first = threading.Thread(target=_read, args=(shown, uow, "a", outcomes))
    first.start()
    while not shown._storing:  # "a" is committing, held at the gate
        threading.Event().wait(0.001)
    others = [threading.Thread(target=_read, args=(shown, uow, talent, outcomes)) for talent in "bcd"]
    for thread in others:
        thread.start()
    while len(shown._open.rows) < 3:  # b, c and d wait in the next batch
        threading.Event().wait(0.001)
    assert outcomes == {} and commits == []
    gate.set()
    for thread in [first, *others]:
        thread.join(10)
    if second_batch_fails:
        assert outcomes == {"a": "stored", "b": "failed", "c": "failed", "d": "failed"}
        assert [[row[0] for row in rows] for rows in commits] == [["a"]]
    else:
        assert outcomes == dict.fromkeys("abcd", "stored")
        assert [sorted(row[0] for row in rows) for rows in commits] == [["a"], ["b", "c", "d"]]
