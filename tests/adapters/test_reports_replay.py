"""Replay: the read models rebuilt from reports' stored events are identical to the live ones,
on SQLite and PostgreSQL (schema from the migrations)."""
import importlib
import uuid

from sqlalchemy import select

from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.migrations import upgrade
from services.reports.adapters.tables import MESSAGING, READ_MODEL_TABLES, event_log
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app import csr_ledger
from services.reports.app.event_handlers import EVENT_HANDLERS
from services.reports.app.replay import recorded
from services.reports.contract.events import PUBLISHED
from services.reports.entrypoints.consumed_events import CONSUMED
from services.reports.entrypoints.replay import replay
from services.common.actor import Actor


def _producer_examples():
    """Every event reports reads, as its producer's contract example says it looks."""
    examples = {}
    for producer in ("registry", "matching", "notifications"):
        for contract in importlib.import_module(f"services.{producer}.contract.events").PUBLISHED:
            examples[contract.type] = contract.example
    return [(event_type, examples[event_type]) for event_type in sorted(CONSUMED.types())
            if event_type in EVENT_HANDLERS]


def _csr_events(shop):
    offer, talent, need, group = (str(uuid.uuid4()) for _ in range(4))
    yield "matching.offer_posted", {"offer_id": offer, "organisation_id": shop,
                                    "kind": "staff_time", "regions": ["yu"], "fields": ["welfare"],
                                    "online": False, "starts": "2024-04-01", "ends": "2025-03-31",
                                    "status": "open", "quantity": 2.0, "unit": "人"}
    yield "matching.talent_registered", {"talent_id": talent, "age_band": "20代",
                                         "home_region": "yu", "regions": ["yu"], "online": False,
                                         "first_timer": True, "origin": "business_staff",
                                         "offer_id": offer}
    yield "matching.need_posted", {"need_id": need, "organisation_id": group, "title": "配食",
                                   "kind": "volunteer_shift", "region": "yu",
                                   "fields": ["elderly_support"], "slots": 2}
    for day in ("2024-05-01", "2024-11-03", "2025-02-01"):
        yield "matching.match_completed", {"match_id": str(uuid.uuid4()), "need_id": need,
                                           "talent_id": talent, "organisation_id": group,
                                           "hours": 2.5, "completed_on": day}


def _consume(uow, event_type, payload):
    """As reports' consumer does: load with CONSUMED, log and apply once."""
    body = Envelope(event_type, 1, event_type.split(".")[0], payload, "corr").as_dict()
    envelope, loaded = CONSUMED.load_incoming(body)
    handler = recorded(EVENT_HANDLERS[event_type], event_type, envelope["version"],
                       envelope["occurred_at"], envelope["payload"])
    assert apply_once(uow, envelope, loaded, handler)


def _read_models(session_factory):
    with session_factory() as session:
        return {table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
                for table in READ_MODEL_TABLES}


def test_a_replay_rebuilds_exactly_what_live_consumption_built(database_url):
    upgrade("reports", database_url)
    engine = make_engine(database_url)
    try:
        sessions = make_session_factory(engine)
        uow = SqlReportsUnitOfWork(sessions, "reports", PUBLISHED, MESSAGING)
        shop = str(uuid.uuid4())
        events = [*_producer_examples(), *_csr_events(shop)]
        for event_type, payload in events:
            _consume(uow, event_type, payload)
        csr_ledger.set_headcount(uow, Actor("partner", shop), shop, 10)
        live = _read_models(sessions)
        assert sum(len(rows) for rows in live.values()) >= 15
        assert all(live[name] for name in ("organisation_facts", "booking_facts",
                                           "csr_ledger_lines", "membership_rate_snapshots",
                                           "kpi_daily", "kpi_daily_subjects"))
        assert any("gift" in row for row in live["csr_ledger_lines"])  # matching.offer_fulfilled's example
        with sessions() as session:
            assert len(session.execute(select(event_log)).all()) == len(events)
        assert replay(database_url) == len(events)
        assert _read_models(sessions) == live  # the KPI daily roll-up included, row for row
        assert replay(database_url) == len(events)  # again: still the same
        assert _read_models(sessions) == live
        ledger = csr_ledger.partner_ledger(uow, Actor("operator", key_id="k"),
                                           csr_ledger.LedgerQuery(shop, 2024, 1))
        assert (ledger.staff_hours, ledger.headcount) == (7.5, 10)  # declared state kept
    finally:
        engine.dispose()
