"""The talent pool over SQLite and PostgreSQL: patched from the profiles changed since its last
look (ids and times first, then only the rows whose time moved) and the ids still stored after an
erasure, it stays equal to a pool built from every stored profile."""
import random
import uuid

import numpy as np
import pytest

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.matching.adapters.tables import MESSAGING
from services.matching.adapters.talent_repositories import SqlTalentRepository
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app import erasure, talent_pool, talents
from services.matching.app.talent_pool import TalentPool
from services.matching.contract.events import PUBLISHED
from services.matching.domain.talent import Contact

OPERATOR = Actor("operator", key_id="op")


@pytest.fixture
def make_uow(database_url):
    upgrade("matching", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    talent_pool.forget_talent_pool()
    yield lambda: SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING)
    talent_pool.forget_talent_pool()
    engine.dispose()


def random_profile(rng):
    return {"age_band": rng.choice(["20代", "40代", "70代以上"]),
            "skills": {s: rng.randint(1, 5) for s in rng.sample(["first_aid", "it", "cooking"], rng.randint(0, 2))},
            "interests": rng.sample(["disaster_prevention", "welfare"], rng.randint(0, 2)),
            "regions": rng.sample(["yu", "kuga", "nishiki"], rng.randint(1, 2)), "home_region": rng.choice([None, "yu"]),
            "online": rng.random() < 0.5, "weekly_availability": [(rng.randint(0, 6), "morning")],
            "available_dates": [], "languages": ["ja"], "first_timer": rng.random() < 0.3,
            "max_hours_per_month": rng.choice([4.0, 10.0]), "origin": "citizen", "offer_id": None,
            "contact": Contact("someone@example.jp", None)}


def create(make_uow, rng) -> str:
    talent_id = str(uuid.uuid4())
    talents.create_talent(make_uow(), Actor("citizen", talent_id), str(uuid.uuid4()), None, random_profile(rng))
    return talent_id


def assert_as_rebuilt(make_uow, pool: TalentPool) -> None:
    with make_uow() as uow:
        rebuilt = TalentPool.built(uow.talents.version(), uow.talents.all())
    assert pool.version == rebuilt.version and pool.talents == rebuilt.talents
    assert (pool.by_age_band, pool.by_region) == (rebuilt.by_age_band, rebuilt.by_region)
    for name, expected in vars(rebuilt.matrix).items():
        found = getattr(pool.matrix, name)
        assert np.array_equal(found, expected) if isinstance(expected, np.ndarray) else found == expected, name


def test_the_pool_follows_updates_and_erasures_by_patches(make_uow, monkeypatch):
    rng = random.Random(7)
    people = [create(make_uow, rng) for _ in range(12)]
    with make_uow() as uow:
        talent_pool.talent_pool(uow)
    full_reads = []
    list_page = SqlTalentRepository.list

    def first_page_counted(self, after, limit):  # a full read starts with the first page
        full_reads.extend([after] if after is None else [])
        return list_page(self, after, limit)
    monkeypatch.setattr(SqlTalentRepository, "list", first_page_counted)
    for _ in range(5):
        people.append(create(make_uow, rng))
        talents.update_talent(make_uow(), OPERATOR, rng.choice(people), {"skills": {"it": rng.randint(1, 5)},
                                                                         "home_region": rng.choice([None, "kuga"])})
        erasure.erase_person(make_uow(), OPERATOR, people.pop(rng.randrange(len(people))))
        with make_uow() as uow:
            pool = talent_pool.talent_pool(uow)
        assert full_reads == []  # patched, never read in full again
        assert_as_rebuilt(make_uow, pool)
        assert set(pool.talents) == set(people)


def test_changes_are_found_by_time_and_loaded_by_id(make_uow):
    rng = random.Random(3)
    first = create(make_uow, rng)
    with make_uow() as uow:
        since = uow.talents.version().last_change
    second = create(make_uow, rng)
    with make_uow() as uow:
        changed = uow.talents.changed_since(since)
        assert set(changed) == {first, second}  # at or after
        assert changed[second] == uow.talents.get(second).updated_at
        assert set(uow.talents.changed_since(changed[second])) == {second}
        assert [t.id for t in uow.talents.many({second, "gone"})] == [second]
        assert uow.talents.ids() == {first, second}
        count = uow.talents.version().count
    erasure.erase_person(make_uow(), OPERATOR, first)
    with make_uow() as uow:
        assert uow.talents.version().count == count - 1 and uow.talents.ids() == {second}
