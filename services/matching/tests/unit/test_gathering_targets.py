"""A gathering's target age bands and regions are advisory: a citizen outside them sees why
(対象外) and may still sign up; a citizen inside, or one without a profile, sees nothing."""
import uuid

import pytest

from services.common.actor import Actor
from services.matching.app import gatherings, talents
from services.matching.app.ports import GatheringFilter
from services.matching.domain.gatherings import OUTSIDE_AGE_BANDS, OUTSIDE_REGIONS
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.unit.test_gatherings import GROUP, citizen, create, join, known_organisation


@pytest.fixture
def uow():
    memory = MemoryMatchingUnitOfWork()
    known_organisation(memory)
    return memory


def person(uow, age_band, home_region, regions=()):
    actor = Actor("citizen", str(uuid.uuid4()))
    talents.create_talent(uow, actor, str(uuid.uuid4()), None, {
        "age_band": age_band, "skills": {}, "interests": [], "regions": list(regions), "home_region": home_region,
        "online": True, "weekly_availability": [], "available_dates": [], "languages": ["ja"],
        "first_timer": True, "max_hours_per_month": 4.0, "origin": "citizen", "offer_id": None, "contact": None})
    return actor


def test_outside_the_target_is_shown_but_sign_up_stays_open(uow):
    gathering = create(uow, target_age_bands=["10代", "20代"], target_regions=["kuga"])
    elder = person(uow, "70代以上", "yu")
    view = gatherings.get_gathering(uow, elder, gathering.id)
    assert view.outside_target == (OUTSIDE_AGE_BANDS, OUTSIDE_REGIONS)
    assert join(uow, elder, gathering).status == "confirmed"


def test_inside_the_target_without_a_profile_or_without_a_target_nothing_is_shown(uow):
    targeted = create(uow, target_age_bands=["20代"], target_regions=["kuga"])
    open_to_all = create(uow, title="誰でも参加できる交流会")
    young = person(uow, "20代", None, regions=["kuga", "yu"])  # no home region: any region they name counts
    assert gatherings.get_gathering(uow, young, targeted.id).outside_target == ()
    assert gatherings.get_gathering(uow, person(uow, "70代以上", "yu"), open_to_all.id).outside_target == ()
    assert gatherings.get_gathering(uow, citizen(), targeted.id).outside_target == ()
    assert gatherings.get_gathering(uow, GROUP, targeted.id).outside_target == ()


def test_the_list_marks_each_gathering_for_the_caller(uow):
    young_only = create(uow, target_age_bands=["10代"])
    create(uow, title="全世代の講座")
    page = gatherings.list_gatherings(uow, person(uow, "40代", "kuga"), GatheringFilter())
    assert {v.gathering.id: v.outside_target for v in page.items}[young_only.id] == (OUTSIDE_AGE_BANDS,)
    assert sorted(len(v.outside_target) for v in page.items) == [0, 1]
