"""The per-talent sums "since a date" behind every candidates request (this month's hours, the
last 30 days' invitations) and the exposure report (confirmed matches), on SQLite and PostgreSQL:
they count only the recent matches, and on SQLite they read one range of an index, not every
match ever made. And impressions of listed candidates, stored in a batch."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, text

from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.matching.adapters.tables import MESSAGING, matches
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app.shown_candidates import ShownCandidates
from services.matching.contract.events import PUBLISHED

NOW = datetime(2027, 3, 15, 12, tzinfo=timezone.utc)
SINCE = datetime(2027, 3, 1, tzinfo=timezone.utc)
A, B = str(uuid.uuid4()), str(uuid.uuid4())


def unit_of_work_factory(url):
    upgrade("matching", url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    yield lambda: SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING)
    engine.dispose()


@pytest.fixture
def make_uow(database_url):
    yield from unit_of_work_factory(database_url)


@pytest.fixture
def make_sqlite_uow(tmp_path):  # PostgreSQL plans from its statistics: only SQLite's plan is fixed
    yield from unit_of_work_factory(f"sqlite:///{tmp_path / 'matching.sqlite3'}")


def match(talent, at, proposed_by="organisation", status="proposed", hours=2.0):
    return {"id": str(uuid.uuid4()), "need_id": str(uuid.uuid4()), "talent_id": talent, "organisation_id": "o",
            "proposed_by": proposed_by, "status": status, "hours": hours, "feedback": {},
            "created_at": at, "updated_at": at}


def test_sums_since_a_date_count_only_what_is_recent(make_uow):
    old = SINCE - timedelta(seconds=1)
    with make_uow() as uow:
        uow.session.execute(insert(matches), [
            match(A, NOW), match(A, SINCE, hours=1.5), match(A, old), match(A, NOW, hours=None),
            match(B, NOW, proposed_by="talent", status="completed"), match(B, old, status="confirmed")])
        uow.commit()
    with make_uow() as uow:
        assert uow.matches.hours_since(SINCE) == {A: 3.5, B: 2.0}
        assert uow.matches.invitations_since(SINCE) == {A: 3}
        assert uow.matches.matched_since(SINCE) == {B: 1}


def test_on_sqlite_the_sums_read_one_range_of_an_index(make_sqlite_uow):
    with make_sqlite_uow() as uow:
        seen = []
        execute = uow.session.execute
        uow.session.execute = lambda statement, *args, **kwargs: (seen.append(statement),
                                                                   execute(statement, *args, **kwargs))[1]
        uow.matches.hours_since(SINCE), uow.matches.invitations_since(SINCE), uow.matches.matched_since(SINCE)
        uow.session.execute = execute
        plans = [" ".join(str(row[-1]) for row in execute(text("EXPLAIN QUERY PLAN " + str(statement.compile(
            uow.session.get_bind(), compile_kwargs={"literal_binds": True}))))) for statement in seen]
    assert len(plans) == 3
    assert all(plan.startswith("SEARCH matches USING COVERING INDEX ix_matches_recent_") for plan in plans), plans


def test_impressions_of_a_talent_not_stored_are_dropped(make_uow):
    ShownCandidates().store(make_uow(), [(str(uuid.uuid4()), str(uuid.uuid4()), NOW)])
    with make_uow() as uow:
        assert uow.impressions.counts_since(SINCE) == {}
