"""The talent pool over SQLite and PostgreSQL: patched from the profiles written after its last
revision (and the ids still stored after an erasure), it stays equal to a pool built from every
stored profile; revisions become visible in the order they were taken."""
import random
import threading
import uuid
from dataclasses import replace

import numpy as np
import pytest
from alembic import command
from sqlalchemy import inspect

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.migrations import alembic_config, upgrade
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
        stored = uow.talents.all()
        rebuilt = TalentPool.built(uow.talents.version(), stored)
    for talent in stored:  # what a listed candidate shows, read back from the matrix
        assert pool.shown(talent.id) == (talent.age_band, talent.home_region, talent.first_timer)
    assert pool.version == rebuilt.version
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
        assert set(pool.matrix.ids) == set(people)


def test_each_writing_transaction_takes_the_next_revision(make_uow):
    rng = random.Random(3)
    with make_uow() as uow:
        start = uow.talents.version()
    first = create(make_uow, rng)
    with make_uow() as uow:
        after_first = uow.talents.version()
    second = create(make_uow, rng)
    with make_uow() as uow:
        assert uow.talents.version().revision == after_first.revision + 1 == start.revision + 2
        assert {t.id for t in uow.talents.changed_after(start.revision)} == {first, second}
        assert [t.id for t in uow.talents.changed_after(after_first.revision)] == [second]
        assert uow.talents.changed_after(after_first.revision + 1) == []
        assert uow.talents.changed_after(after_first.revision)[0] == uow.talents.get(second)
        uow.talents.save(replace(uow.talents.get(first), online=True))  # not committed
    with make_uow() as uow:
        assert uow.talents.version() == replace(after_first, revision=after_first.revision + 1)
        for talent in (uow.talents.get(first), uow.talents.get(second)):  # one revision for all
            uow.talents.save(replace(talent, max_hours_per_month=20.0))
        uow.commit()
    with make_uow() as uow:
        now = uow.talents.version()
        assert now.revision == after_first.revision + 2 and now.last_erasure == start.last_erasure
        assert {t.id for t in uow.talents.changed_after(now.revision - 1)} == {first, second}
    with make_uow() as uow:
        copied = uow.talents.get(first)
    with make_uow() as uow:  # writes first, nothing read before
        for _ in range(2):
            uow.talents.add(replace(copied, id=str(uuid.uuid4())))
        uow.commit()
    with make_uow() as uow:
        added = uow.talents.version()
        assert added.revision == now.revision + 1 and len(uow.talents.changed_after(now.revision)) == 2
    erasure.erase_person(make_uow(), OPERATOR, first)
    with make_uow() as uow:
        erased = uow.talents.version()
        assert erased.last_erasure == erased.revision == added.revision + 1
        assert first not in uow.talents.ids() and uow.talents.changed_after(added.revision) == []


def test_a_writer_waits_for_the_one_before_it_so_no_revision_shows_before_an_earlier_one(make_uow):
    """A second writer's revision cannot commit while the first's is open: a pool that saw the
    second's revision would skip the first's change for good."""
    rng = random.Random(5)
    first, second = create(make_uow, rng), create(make_uow, rng)
    with make_uow() as uow:
        before = uow.talents.version().revision
    done = threading.Event()

    def second_writer():
        with make_uow() as uow:
            uow.talents.save(replace(uow.talents.get(second), online=True))
            uow.commit()
        done.set()

    with make_uow() as earlier:
        earlier.talents.save(replace(earlier.talents.get(first), online=True))
        writer = threading.Thread(target=second_writer)
        writer.start()
        assert not done.wait(0.5)  # held back by the open transaction
        with make_uow() as reader:
            assert reader.talents.version().revision == before
        earlier.commit()
    writer.join(30)
    assert done.is_set()
    with make_uow() as uow:
        assert uow.talents.version().revision == before + 2
        assert [t.id for t in uow.talents.changed_after(before + 1)] == [second]
        assert {t.id for t in uow.talents.changed_after(before)} == {first, second}


def test_talents_stored_before_revisions_are_in_the_pool_and_later_changes_patch_it(database_url):
    """matching_0012 on stored talents: down to matching_0011 (no revisions, the updated_at index
    back) and up again; the talents kept revision 0 and the pool follows changes from there."""
    rng = random.Random(11)
    talent_pool.forget_talent_pool()
    upgrade("matching", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)

    def make_uow():
        return SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING)
    people = [create(make_uow, rng) for _ in range(3)]
    engine.dispose()
    command.downgrade(alembic_config("matching", database_url), "matching_0011")
    assert "ix_talents_updated_at" in {i["name"] for i in inspect(engine).get_indexes("talents")}
    engine.dispose()
    upgrade("matching", database_url)
    with make_uow() as uow:
        assert uow.talents.version().revision == 0 and uow.talents.changed_after(0) == []
        pool = talent_pool.talent_pool(uow)
    assert set(pool.matrix.ids) == set(people)
    talents.update_talent(make_uow(), OPERATOR, people[0], {"skills": {"it": 5}})
    with make_uow() as uow:
        patched = talent_pool.talent_pool(uow)
    assert patched.version.revision == 1 and patched.matrix.talent_at(patched.matrix.row_of(people[0])).skills == {"it": 5}
    assert_as_rebuilt(make_uow, patched)
    talent_pool.forget_talent_pool()
    engine.dispose()
