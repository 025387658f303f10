"""A business partner's CSR ledger, from matching's events only: approved staff hours, offers by
kind with their value basis, groups and regions supported, participation, SDGs, small cells hidden,
and every line naming its events."""
import uuid
from datetime import date

import pytest

from services.common.actor import Actor
from services.common.errors import NotFound, ValidationFailed
from services.reports.app import csr_ledger
from services.reports.app.csr_ledger import LedgerQuery
from services.reports.domain.fiscal_year import fiscal_year_label, fiscal_year_of
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork

SHOP, OTHER_SHOP = str(uuid.uuid4()), str(uuid.uuid4())
OPERATOR = Actor("operator", key_id="op")


def ids():
    return str(uuid.uuid4())


def offer(uow, partner=SHOP, kind="staff_time", starts="2024-05-01", quantity=10.0, unit="人",
          fields=("environment",), offer_id=None):
    offer_id = offer_id or ids()
    deliver(uow, "matching.offer_posted", {
        "offer_id": offer_id, "organisation_id": partner, "kind": kind, "regions": ["iwakuni"],
        "fields": list(fields), "online": False, "starts": starts, "ends": "2025-03-31",
        "status": "open", "quantity": quantity, "unit": unit})
    return offer_id


def staff(uow, offer_id):
    talent_id = ids()
    deliver(uow, "matching.talent_registered", {
        "talent_id": talent_id, "age_band": "30代", "home_region": "iwakuni",
        "regions": ["iwakuni"], "online": False, "first_timer": False,
        "origin": "business_staff", "offer_id": offer_id})
    return talent_id


def need(uow, region, fields=("disaster_prevention",)):
    need_id, group = ids(), ids()
    deliver(uow, "matching.need_posted", {
        "need_id": need_id, "organisation_id": group, "title": "防災訓練", "kind": "event_helper",
        "region": region, "fields": list(fields), "slots": 5})
    return need_id, group


def completed(uow, talent_id, need_id, group, hours=3.0, on="2024-06-01", **extra):
    match_id = ids()
    deliver(uow, "matching.match_completed", {
        "match_id": match_id, "need_id": need_id, "talent_id": talent_id,
        "organisation_id": group, "hours": hours, "completed_on": on, **extra})
    return match_id


def gift(uow, offer_id, kind, quantity, unit, value_yen, basis, need_id=None, group=None, region=None,
         people=0, on="2024-08-01", partner=SHOP):
    deliver(uow, "matching.offer_fulfilled", {
        "offer_id": offer_id, "organisation_id": partner, "kind": kind, "quantity": quantity, "unit": unit,
        "value_yen": value_yen, "value_basis": basis, "need_id": need_id, "recipient_organisation_id": group,
        "region": region, "people_reached": people, "fulfilled_on": on})
    return [i for i, t in uow.inbox.processed.items() if t == "matching.offer_fulfilled"][-1]


def ledger(uow, actor=OPERATOR, partner=SHOP, year=2024, min_cell=5):
    return csr_ledger.partner_ledger(uow, actor, LedgerQuery(partner, year, min_cell))


def test_fiscal_years_run_april_to_march_with_both_names():
    assert fiscal_year_of(date(2025, 3, 31)) == 2024 and fiscal_year_of(date(2025, 4, 1)) == 2025
    assert fiscal_year_label(2024) == "令和6年度（2024年度）"
    assert fiscal_year_label(2019) == "令和元年度（2019年度）"


def test_only_approved_hours_of_the_partners_staff_count_in_their_fiscal_year():
    uow = MemoryReportsUnitOfWork()
    offer_id = offer(uow)
    mine, citizen = staff(uow, offer_id), ids()
    need_id, group = need(uow, "yu")
    completed(uow, mine, need_id, group, 3.5, on="2024-06-01")
    completed(uow, mine, need_id, group, 2.0, on="2025-03-31")
    completed(uow, mine, need_id, group, 9.0, on="2025-04-01")  # next fiscal year
    completed(uow, citizen, need_id, group, 5.0)  # not the partner's staff
    found = ledger(uow)
    assert (found.staff_hours, found.completed_matches, found.volunteers) == (5.5, 2, 1)
    assert found.organisations_supported == 1 and found.regions_supported == 1
    assert ledger(uow, year=2025).staff_hours == 9.0
    assert ledger(uow, partner=OTHER_SHOP).is_empty


def test_offers_roll_up_by_kind_with_their_value_basis_and_sdgs():
    uow = MemoryReportsUnitOfWork()
    offer(uow, kind="money", quantity=50000, unit="円", fields=("childcare",))
    offer(uow, kind="money", quantity=30000, unit="円", fields=("childcare",))
    offer(uow, kind="goods", quantity=20, unit="箱", fields=("welfare",))
    offer(uow, kind="venue", quantity=1, unit="室", starts="2023-12-01")  # FY2023
    found = ledger(uow)
    assert [(k.kind, k.offers, k.quantities) for k in found.offers_by_kind] == [
        ("goods", 1, {"箱": 20.0}), ("money", 2, {"円": 80000.0})]
    assert found.sdgs[4] == 2 and found.sdgs[1] == 1 and found.sdgs[17] == 3


def test_participation_is_staff_who_took_part_over_the_declared_headcount():
    uow = MemoryReportsUnitOfWork()
    offer_id = offer(uow)
    need_id, group = need(uow, "iwakuni")
    for _ in range(3):
        completed(uow, staff(uow, offer_id), need_id, group)
    assert ledger(uow).participation_rate is None  # nothing declared yet
    csr_ledger.set_headcount(uow, Actor("partner", SHOP), SHOP, 40)
    assert ledger(uow).participation_rate == 0.075
    with pytest.raises(ValidationFailed) as refused:
        csr_ledger.set_headcount(uow, Actor("partner", SHOP), SHOP, 0)
    assert "headcount" in refused.value.fields and uow.csr.headcount(SHOP) == 40
    with pytest.raises(NotFound):
        csr_ledger.set_headcount(uow, Actor("partner", OTHER_SHOP), SHOP, 10)


def test_regions_with_fewer_volunteers_than_the_minimum_are_hidden_with_a_second_cell():
    uow = MemoryReportsUnitOfWork()
    offer_id = offer(uow)
    big, middle, small = need(uow, "iwakuni"), need(uow, "kuga"), need(uow, "miwa")
    for _ in range(6):
        completed(uow, staff(uow, offer_id), *big)
    for _ in range(5):
        completed(uow, staff(uow, offer_id), *middle)
    lone = staff(uow, offer_id)
    completed(uow, lone, *small, hours=4.0)
    cells = {c.region: c for c in ledger(uow).regions}
    assert cells["iwakuni"].volunteers == 6 and not cells["iwakuni"].suppressed
    # miwa has one volunteer; kuga is hidden too, or miwa = total − iwakuni − kuga
    assert cells["miwa"].suppressed and cells["miwa"].hours is None
    assert cells["kuga"].suppressed
    lone_line = [line for line in ledger(uow).lines if line.talent_id == lone][0]
    assert lone_line.regions == ()
    assert ledger(uow).staff_hours == 37.0  # the totals stay whole
    cells = {c.region: c for c in ledger(uow, min_cell=1).regions}
    assert not any(c.suppressed for c in cells.values())


def test_every_line_names_the_events_it_came_from():
    uow = MemoryReportsUnitOfWork()
    offer_id = offer(uow)
    deliver(uow, "matching.offer_updated", {
        "offer_id": offer_id, "organisation_id": SHOP, "kind": "staff_time",
        "regions": ["iwakuni"], "fields": ["environment"], "online": False,
        "starts": "2024-05-01", "ends": "2025-03-31", "status": "closed", "quantity": 12.0,
        "unit": "人", "changed": ["quantity", "status"]})
    need_id, group = need(uow, "yu")
    match_id = completed(uow, staff(uow, offer_id), need_id, group)
    lines = {line.line_id: line for line in ledger(uow).lines}
    posted, updated, *_ = uow.inbox.processed  # delivery order: the ids consumed
    assert lines[offer_id].source_event_ids == (posted, updated)
    assert lines[offer_id].quantity == 12.0
    [match_event] = [i for i, t in uow.inbox.processed.items() if t == "matching.match_completed"]
    assert lines[match_id].source_event_ids == (match_event,)


def test_a_partner_sees_only_its_own_ledger_and_years_are_bounded():
    uow = MemoryReportsUnitOfWork()
    offer(uow)
    assert not ledger(uow, actor=Actor("partner", SHOP)).is_empty
    for actor in (Actor("partner", OTHER_SHOP), Actor("organisation", SHOP),
                  Actor("citizen", SHOP)):
        with pytest.raises(NotFound):
            ledger(uow, actor=actor)
    with pytest.raises(ValidationFailed) as refused:
        ledger(uow, year=1999)
    assert "fiscal_year" in refused.value.fields


def test_gifts_roll_up_by_kind_with_yen_bases_people_and_their_events():
    uow = MemoryReportsUnitOfWork()
    meals = offer(uow, kind="goods", quantity=120, unit="食", fields=("welfare",))
    boxes = offer(uow, kind="goods", quantity=20, unit="箱", fields=("welfare",))
    donation = offer(uow, kind="money", quantity=50000, unit="円", fields=("childcare",))
    hall = offer(uow, kind="venue", quantity=1, unit="室")
    kitchen, canteen = need(uow, "yu", fields=("welfare",)), need(uow, "kuga")
    first = gift(uow, meals, "goods", 100, "食", 30000, "market_price", *kitchen, region="yu", people=100,
                 on="2024-08-01")
    second = gift(uow, boxes, "goods", 20, "箱", 8000, "cost", *canteen, region="kuga", people=20, on="2024-09-01")
    third = gift(uow, donation, "money", 50000, "円", 50000, "amount_given", *kitchen, region="yu", on="2024-10-01")
    gift(uow, hall, "venue", 1, "室", 15000, "venue_fee", on="2025-04-02")  # FY2025
    found = ledger(uow)
    goods, money = found.fulfilled_by_kind
    assert (goods.kind, goods.offers, goods.quantities, goods.value_yen, goods.value_bases, goods.people_reached) == (
        "goods", 2, {"箱": 20.0, "食": 100.0}, 38000, {"cost": 8000, "market_price": 30000}, 120)
    assert goods.source_event_ids == (first, second) and money.source_event_ids == (third,)
    assert (money.value_yen, money.value_bases) == (50000, {"amount_given": 50000})
    assert (found.value_given_yen, found.people_reached) == (88000, 120)
    # the recipients count as organisations supported, their regions as regions supported
    assert (found.organisations_supported, found.regions_supported) == (2, 2)
    lines = {line.line_id: line for line in found.lines if line.kind == "gift"}
    assert set(lines) == {first, second, third}  # one line per gift, keyed by its event
    assert lines[first].source_event_ids == (first,) and lines[first].value_basis == "market_price"
    # SDGs: four offers were posted in FY2024; the gifts add their offers' and needs' goals
    assert found.sdgs[10] == 2 + 3 and found.sdgs[5] == 1 + 1
    assert ledger(uow, year=2025).fulfilled_by_kind[0].kind == "venue"


def test_people_reached_on_approved_hours_add_to_the_gifts():
    uow = MemoryReportsUnitOfWork()
    offer_id = offer(uow)
    need_id, group = need(uow, "iwakuni")
    completed(uow, staff(uow, offer_id), need_id, group, people_reached=40)
    completed(uow, staff(uow, offer_id), need_id, group)  # an older event without the count
    gift(uow, offer_id, "staff_time", 2, "人", 12000, "hourly_rate", need_id, group, "iwakuni", people=15)
    found = ledger(uow)
    assert found.people_reached == 55 and found.organisations_supported == 1
