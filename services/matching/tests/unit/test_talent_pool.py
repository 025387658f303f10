"""The process's talent pool follows profiles as they are created, updated and erased by patching
itself, and the patched pool is the pool a full rebuild makes (seeded random histories)."""
import dataclasses
import random
import uuid
from datetime import timedelta

import numpy as np
import pytest

from services.common.actor import Actor
from services.matching.app import erasure, talent_pool, talents
from services.matching.app.talent_pool import TalentPool
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.unit.test_talents_and_matches import profile

OPERATOR = Actor("operator", key_id="op")
REGIONS = ["yu", "kuga", "iwakuni", "nishiki"]
SKILLS = ["first_aid", "cooking", "it", "driving"]


@pytest.fixture
def uow():
    talent_pool.forget_talent_pool()
    uow = MemoryMatchingUnitOfWork()
    full_reads = []
    list_page = uow.talents.list

    def first_page_counted(after, limit):  # a full read starts with the first page
        if after is None:  # the size of the pool it replaces: only an empty (or no) pool is built in full
            full_reads.append(len(talent_pool._pool) if talent_pool._pool else 0)
        return list_page(after, limit)
    uow.talents.list = first_page_counted
    uow.full_reads = full_reads
    yield uow
    talent_pool.forget_talent_pool()


def random_profile(rng):
    return profile(age_band=rng.choice(["20代", "30代", "60代", "70代以上"]),
                   skills={s: rng.randint(1, 5) for s in rng.sample(SKILLS, rng.randint(0, 3))},
                   regions=rng.sample(REGIONS, rng.randint(0, 2)), home_region=rng.choice([None, *REGIONS]),
                   online=True, first_timer=rng.random() < 0.3,
                   weekly_availability=[(rng.randint(0, 6), rng.choice(["morning", "evening"]))])


def current(uow) -> TalentPool:
    with uow:
        return talent_pool.talent_pool(uow)


def assert_as_rebuilt(uow, pool: TalentPool) -> None:
    with uow:
        stored = list(uow.talents.rows.values())
        rebuilt = TalentPool.built(uow.talents.version(), stored)
    for talent in stored:  # what a listed candidate shows, read back from the matrix
        assert pool.shown(talent.id) == (talent.age_band, talent.home_region, talent.first_timer)
    assert pool.version == rebuilt.version
    assert (pool.by_age_band, pool.by_region) == (rebuilt.by_age_band, rebuilt.by_region)
    for name, expected in vars(rebuilt.matrix).items():
        found = getattr(pool.matrix, name)
        assert np.array_equal(found, expected) if isinstance(expected, np.ndarray) else found == expected, name


@pytest.mark.parametrize("seed", range(12))
def test_a_pool_patched_through_random_changes_equals_a_rebuilt_one(uow, seed):
    rng, people = random.Random(seed), []
    for _ in range(rng.randint(0, 6)):
        people.append(str(uuid.uuid4()))
        talents.create_talent(uow, Actor("citizen", people[-1]), str(uuid.uuid4()), None, random_profile(rng))
    current(uow)
    for _ in range(8):
        for _ in range(rng.randint(1, 4)):
            action = rng.choice(["create", "update", "update", "erase"] if people else ["create"])
            if action == "create":
                people.append(str(uuid.uuid4()))
                talents.create_talent(uow, Actor("citizen", people[-1]), str(uuid.uuid4()), None,
                                      random_profile(rng))
            elif action == "update":
                changes = random_profile(rng)
                talents.update_talent(uow, OPERATOR, rng.choice(people),
                                      {k: changes[k] for k in rng.sample(["skills", "regions", "home_region",
                                                                          "age_band", "first_timer"], 2)})
            else:
                erasure.erase_person(uow, OPERATOR, people.pop(rng.randrange(len(people))))
        assert_as_rebuilt(uow, current(uow))
    assert uow.full_reads and set(uow.full_reads) == {0}  # any pool holding talents was patched


def test_an_erased_talent_leaves_the_pool_and_the_counts(uow):
    me, other = str(uuid.uuid4()), str(uuid.uuid4())
    for talent_id in (me, other):
        talents.create_talent(uow, Actor("citizen", talent_id), str(uuid.uuid4()), None, profile(age_band="60代"))
    assert current(uow).by_age_band == {"60代": 2}
    erasure.delete_own_profile(uow, Actor("citizen", me), me)
    pool = current(uow)
    assert pool.matrix.ids == (other,) and pool.by_age_band == {"60代": 1} and pool.shown(me) is None
    assert uow.full_reads == [0]


def test_a_change_stamped_long_before_the_pools_last_look_is_still_picked_up(uow):
    """A profile stamped an hour before changes the pool has already seen (a long transaction,
    another copy of the service) is found by its revision, not missed for its time."""
    late, other = str(uuid.uuid4()), str(uuid.uuid4())
    for talent_id in (late, other):
        talents.create_talent(uow, Actor("citizen", talent_id), str(uuid.uuid4()), None, profile())
    talents.update_talent(uow, OPERATOR, other, {"online": True})
    current(uow)
    with uow:
        stamped = uow.talents.get(other).updated_at - timedelta(hours=1)
        uow.talents.save(dataclasses.replace(uow.talents.get(late), skills={"cooking": 4}, updated_at=stamped))
        uow.commit()
    pool = current(uow)
    assert pool.matrix.talent_at(pool.matrix.ids.index(late)).skills == {"cooking": 4}
    assert_as_rebuilt(uow, pool)
    assert uow.full_reads == [0]


def test_a_pool_from_another_store_is_rebuilt_not_patched(uow):
    talents.create_talent(uow, Actor("citizen", str(uuid.uuid4())), str(uuid.uuid4()), None, profile())
    current(uow)
    elsewhere = MemoryMatchingUnitOfWork()
    someone = str(uuid.uuid4())
    talents.create_talent(elsewhere, Actor("citizen", someone), str(uuid.uuid4()), None, profile())
    with elsewhere:
        assert talent_pool.talent_pool(elsewhere).matrix.ids == (someone,)


def test_an_unchanged_version_reuses_the_pool(uow):
    talents.create_talent(uow, Actor("citizen", str(uuid.uuid4())), str(uuid.uuid4()), None, profile())
    assert current(uow) is current(uow)


def test_a_pool_built_page_by_page_holds_everyone(uow, monkeypatch):
    monkeypatch.setattr(talent_pool, "BUILD_PAGE", 2)
    rng = random.Random(5)
    for _ in range(7):
        talents.create_talent(uow, Actor("citizen", str(uuid.uuid4())), str(uuid.uuid4()), None, random_profile(rng))
    talent_pool.warm_talent_pool(uow)
    pool = talent_pool._pool
    assert len(pool) == 7
    assert_as_rebuilt(uow, pool)
