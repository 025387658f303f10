"""The CSR ledger on SQLite and PostgreSQL (schema from the migrations) answers exactly as the
in-memory fake does for the same events."""
import uuid

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app import csr_ledger
from services.reports.app.csr_ledger import LedgerQuery
from services.reports.contract.events import PUBLISHED
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork

SHOP = str(uuid.uuid4())
OPERATOR = Actor("operator", key_id="op")


def _events():
    offer_id, money_id, talent, need_id, group = (str(uuid.uuid4()) for _ in range(5))
    base = {"organisation_id": SHOP, "regions": ["yu"], "online": False, "ends": "2025-03-31",
            "status": "open"}
    yield "matching.offer_posted", {**base, "offer_id": offer_id, "kind": "staff_time",
                                    "fields": ["environment"], "starts": "2024-05-01",
                                    "quantity": 5.0, "unit": "人"}
    yield "matching.offer_posted", {**base, "offer_id": money_id, "kind": "money",
                                    "fields": ["childcare"], "starts": "2024-07-01",
                                    "quantity": 100000.0, "unit": "円"}
    yield "matching.talent_registered", {"talent_id": talent, "age_band": "40代",
                                         "home_region": "yu", "regions": ["yu"], "online": False,
                                         "first_timer": False, "origin": "business_staff",
                                         "offer_id": offer_id}
    yield "matching.need_posted", {"need_id": need_id, "organisation_id": group,
                                   "title": "清掃", "kind": "event_helper", "region": "yu",
                                   "fields": ["environment"], "slots": 3}
    for hours, day, people in ((2.5, "2024-08-01", 30), (4.0, "2024-09-01", 0)):
        yield "matching.match_completed", {"match_id": str(uuid.uuid4()), "need_id": need_id,
                                           "talent_id": talent, "organisation_id": group,
                                           "hours": hours, "completed_on": day, "people_reached": people}
    yield "matching.offer_fulfilled", {"offer_id": money_id, "organisation_id": SHOP, "kind": "money",
                                       "quantity": 80000.0, "unit": "円", "value_yen": 80000,
                                       "value_basis": "amount_given", "need_id": need_id,
                                       "recipient_organisation_id": group, "region": "yu",
                                       "people_reached": 12, "fulfilled_on": "2024-10-01"}


def _ledger(uow):
    found = csr_ledger.partner_ledger(uow, OPERATOR, LedgerQuery(SHOP, 2024, 1))
    return (found.staff_hours, found.completed_matches, found.volunteers,
            found.organisations_supported, found.participation_rate, found.regions,
            found.offers_by_kind, found.sdgs, found.value_given_yen, found.people_reached,
            [(k.kind, k.offers, k.quantities, k.value_yen, k.value_bases, k.people_reached, len(k.source_event_ids))
             for k in found.fulfilled_by_kind],
            # a gift's line is keyed by its event, whose id differs per delivery
            [(line.line_id if line.kind != "gift" else "gift", line.kind, line.occurred_on, line.regions,
              line.hours, line.quantity, line.unit, line.sdgs, len(line.source_event_ids), line.value_yen,
              line.value_basis, line.people_reached) for line in found.lines])


def test_the_sql_ledger_matches_the_fake(database_url):
    upgrade("reports", database_url)
    engine = make_engine(database_url)
    try:
        sql = SqlReportsUnitOfWork(make_session_factory(engine), "reports", PUBLISHED, MESSAGING)
        memory = MemoryReportsUnitOfWork()
        for event_type, payload in _events():
            assert deliver(sql, event_type, payload) and deliver(memory, event_type, payload)
        csr_ledger.set_headcount(sql, OPERATOR, SHOP, 20)
        csr_ledger.set_headcount(memory, OPERATOR, SHOP, 20)
        assert _ledger(sql) == _ledger(memory)
        assert _ledger(sql)[:5] == (6.5, 2, 1, 1, 0.05)
        assert _ledger(sql)[8:11] == (80000, 42, [("money", 1, {"円": 80000.0}, 80000, {"amount_given": 80000}, 12, 1)])
        with sql:
            assert sql.csr.partners() == [SHOP]
    finally:
        engine.dispose()
