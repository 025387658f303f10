"""The plan-KPI daily roll-up on SQLite and PostgreSQL: kept with each batch of facts, it adds up
to what the facts say (the in-memory fake sums the facts themselves) for any cutoff, distinct
subjects included; reports_0018 fills it from the facts stored before it existed."""
import random
import uuid
from datetime import date, timedelta

from sqlalchemy import insert, select

from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.reports.adapters.tables import MESSAGING, kpi_daily, kpi_daily_subjects, kpi_facts
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.contract.events import PUBLISHED
from services.reports.domain.fiscal_year import fiscal_year_of
from services.reports.domain.kpi import KpiFact
from services.reports.tests.fakes import MemoryReportsUnitOfWork

CUTOFFS = (date(2024, 3, 31), date(2024, 6, 15), date(2025, 1, 1), date(2026, 3, 31))


def _facts(seed=7):
    """Counts, sums and a DISTINCT measure whose subjects recur across days and regions."""
    rng = random.Random(seed)
    businesses = [str(uuid.uuid4()) for _ in range(6)]
    for _ in range(400):
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(800))
        region = rng.choice(("yu", "kuga", "iwakuni", None))
        event_id = str(uuid.uuid4())
        yield KpiFact(event_id, "matches_completed", fiscal_year_of(day), day, region, 1.0)
        yield KpiFact(event_id, "volunteer_hours", fiscal_year_of(day), day, region, rng.choice((0.5, 2.0, 3.25)))
        if rng.random() < 0.3:
            yield KpiFact(event_id, "active_businesses", fiscal_year_of(day), day, region, 1.0,
                          rng.choice(businesses))


def _store(uow, facts):
    with uow:
        for fact in facts:
            uow.kpi.add_fact(fact)
        uow.commit()


def _totals(uow):
    with uow:
        return [uow.kpi.totals(cutoff) for cutoff in CUTOFFS]


def _rolled_up(sessions):
    with sessions() as session:
        return {table.name: sorted(tuple(row) for row in session.execute(select(table)))
                for table in (kpi_daily, kpi_daily_subjects)}


def test_totals_from_the_roll_up_equal_the_facts_summed(database_url):
    upgrade("reports", database_url)
    engine = make_engine(database_url)
    try:
        sql = SqlReportsUnitOfWork(make_session_factory(engine), "reports", PUBLISHED, MESSAGING)
        memory = MemoryReportsUnitOfWork()
        facts = list(_facts())
        for start in range(0, len(facts), 97):  # transactions of different sizes, as live and replay
            _store(sql, facts[start:start + 97])
        _store(memory, facts)
        assert _totals(sql) == _totals(memory)
        whole = _totals(sql)[-1]
        assert whole[("active_businesses", 2024, None)].subjects <= 6
        assert whole[("volunteer_hours", 2024, None)].count > whole[("volunteer_hours", 2024, "yu")].count
    finally:
        engine.dispose()


def test_the_migration_fills_the_roll_up_from_the_facts_already_stored(database_url, tmp_path):
    facts = list(_facts(seed=11))
    upgrade("reports", database_url, "reports_0017")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(insert(kpi_facts), [vars(fact) for fact in facts])
        upgrade("reports", database_url)
        migrated = _rolled_up(make_session_factory(engine))
    finally:
        engine.dispose()
    assert migrated["kpi_daily"] and migrated["kpi_daily_subjects"]
    # the same facts kept live, one transaction per event, in a database built at head
    live_url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    upgrade("reports", live_url)
    live_engine = make_engine(live_url)
    try:
        sessions = make_session_factory(live_engine)
        uow = SqlReportsUnitOfWork(sessions, "reports", PUBLISHED, MESSAGING)
        by_event = {}
        for fact in facts:
            by_event.setdefault(fact.event_id, []).append(fact)
        for found in by_event.values():
            _store(uow, found)
        assert _rolled_up(sessions) == migrated
    finally:
        live_engine.dispose()
