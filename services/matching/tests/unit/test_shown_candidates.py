"""Candidates' impressions wait in memory and are stored together: the exposure report counts
them, an erased person's are dropped, and a failed store keeps them for the next try."""
from datetime import datetime, timezone

import pytest

from services.common.actor import Actor
from services.matching.app import erasure, recommendations
from services.matching.app.shown_candidates import ShownCandidates, store_shown
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


def test_listing_candidates_stores_nothing_until_the_shown_are_stored(uow):
    talent = new_talent(uow)
    need = post_need(uow)
    recommendations.candidates(uow, GROUP, need.id)
    assert uow.impressions.rows == []
    report = recommendations.exposure_report(uow, Actor("operator"))
    assert {(row.dimension, row.group): row.shown for row in report.rows}[("age_band", "20代")] == 1
    assert [row[:2] for row in uow.impressions.rows] == [(talent, need.id)]


def test_an_erased_persons_pending_impressions_are_dropped(uow):
    shown, kept, erased = ShownCandidates(), new_talent(uow), new_talent(uow)
    need = post_need(uow)
    shown.add([(kept, need.id, NOW), (erased, need.id, NOW)])
    erasure.erase_person(uow, Actor("operator"), erased)
    assert store_shown(uow, shown) == 1
    assert uow.impressions.rows == [(kept, need.id, NOW)]
    assert shown.take() == []


def test_a_failed_store_keeps_the_impressions_for_the_next_try(uow):
    shown, talent = ShownCandidates(), new_talent(uow)
    need = post_need(uow)
    shown.add([(talent, need.id, NOW)])

    def broken(rows):
        raise OSError("disk full")
    record, uow.impressions.record = uow.impressions.record, broken
    with pytest.raises(OSError):
        store_shown(uow, shown)
    uow.impressions.record = record
    assert store_shown(uow, shown) == 1 and uow.impressions.rows == [(talent, need.id, NOW)]
