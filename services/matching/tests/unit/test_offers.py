"""CSR offers: partners post and edit only their own; offers and needs ranked both ways with reasons."""
import uuid
from datetime import date

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, ValidationFailed
from services.matching.app import needs, offers
from services.matching.app.needs import PostNeed
from services.matching.app.offers import OfferListQuery
from services.matching.domain.need_schedule import NeedSchedule, OneOff
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.registry_events import deliver, registry_event

SHOP, GROUP_ID = str(uuid.uuid4()), str(uuid.uuid4())
PARTNER, GROUP = Actor("partner", SHOP), Actor("organisation", GROUP_ID)
TODAY = date(2026, 12, 1)


def registered(uow, organisation_id, kind, region="iwakuni", fields=("environment",)):
    deliver(uow, registry_event("registry.organisation_registered", {
        "organisation_id": organisation_id, "kind": kind, "region": region, "fields": list(fields),
        "status": "verified"}))


@pytest.fixture
def uow():
    uow = MemoryMatchingUnitOfWork()
    registered(uow, SHOP, "business")
    registered(uow, GROUP_ID, "citizen_group")
    return uow


def details(**overrides):
    return {"kind": "staff_time", "title": "社員による河川清掃", "description": "", "skills": {"carpentry": 3},
            "fields": ["environment"], "quantity": 10, "unit": "人", "regions": ["iwakuni"], "online": False,
            "starts": date(2027, 1, 1), "ends": date(2027, 3, 31), **overrides}


def post(uow, actor=PARTNER, organisation_id=None, **overrides):
    return offers.post_offer(uow, actor, str(uuid.uuid4()), organisation_id, details(**overrides))


def need(uow, **overrides):
    command = PostNeed(**{"need_id": str(uuid.uuid4()), "title": "川の清掃", "kind": "event_helper", "slots": 5,
                          "schedule": NeedSchedule(dates=(OneOff(date(2027, 2, 6), "morning", 3),)), **overrides})
    return needs.post_need(uow, GROUP, command)


def test_a_partner_posts_an_offer_for_its_own_business_only(uow):
    offer = post(uow)
    assert (offer.organisation_id, offer.status) == (SHOP, "open")
    assert uow.published[-1].type == "matching.offer_posted"
    with pytest.raises(Forbidden):
        post(uow, organisation_id=str(uuid.uuid4()))
    for role in ("citizen", "organisation"):
        with pytest.raises(Forbidden):
            post(uow, actor=Actor(role, SHOP))


def test_only_businesses_known_to_registry_post_offers(uow):
    with pytest.raises(ValidationFailed):
        post(uow, actor=Actor("operator"), organisation_id=GROUP_ID)
    with pytest.raises(ValidationFailed):
        post(uow, actor=Actor("partner", str(uuid.uuid4())))


def test_offer_rules_give_field_messages(uow):
    with pytest.raises(ValidationFailed) as error:
        post(uow, kind="money", skills={"carpentry": 2}, regions=[], quantity=0)
    assert {"skills", "regions", "quantity"} <= set(error.value.fields)


def test_a_partner_edits_only_its_own_offer(uow):
    offer = post(uow)
    closed = offers.update_offer(uow, PARTNER, offer.id, {"status": "closed"})
    assert closed.status == "closed" and uow.published[-1].changed == ["status"]
    with pytest.raises(Forbidden):
        offers.update_offer(uow, Actor("partner", str(uuid.uuid4())), offer.id, {"quantity": 1})
    assert offers.list_offers(uow, OfferListQuery(organisation_id=SHOP)).items[0].status == "closed"


def test_needs_for_an_offer_are_ranked_explained_and_constrained(uow):
    offer = post(uow)
    fits = need(uow, fields=["environment"])
    other_field = need(uow, fields=["welfare"])
    need(uow, region="miwa")  # outside the offer's regions
    need(uow, schedule=NeedSchedule(dates=(OneOff(date(2027, 6, 1), "morning", 3),)))  # outside its period
    found = offers.needs_for_offer(uow, PARTNER, offer.id, today=TODAY)
    assert [r.need.id for r in found] == [fits.id, other_field.id]
    best = found[0].match
    assert best.weights_version == "2026-11-offers-v1" and best.breakdown.dates_covered == 1
    assert "活動分野が一致" in best.explanation_ja and "fields match" in best.explanation_en
    with pytest.raises(Forbidden):
        offers.needs_for_offer(uow, Actor("partner", str(uuid.uuid4())), offer.id, today=TODAY)


def test_offers_for_a_need_prefer_the_fitting_kind(uow):
    staff, money = post(uow), post(uow, kind="money", skills={}, title="活動資金の寄付")
    target = need(uow)
    found = offers.offers_for_need(uow, GROUP, target.id, today=TODAY)
    assert [r.offer.id for r in found] == [staff.id, money.id]
    assert found[0].match.breakdown.kind > found[1].match.breakdown.kind
    with pytest.raises(Forbidden):
        offers.offers_for_need(uow, Actor("organisation", str(uuid.uuid4())), target.id, today=TODAY)


def test_events_carry_the_facts_a_csr_ledger_needs(uow):
    """Reports credits a business from events alone: the value basis of its offers and which
    offer put a staff member forward (ids and facts, still no contact details)."""
    from services.matching.app import talents
    from services.matching.domain.talent import Contact

    money = post(uow, kind="money", skills={}, title="活動資金の寄付", quantity=50000, unit="円")
    posted = uow.published[-1].payload()
    assert (posted["offer_id"], posted["quantity"], posted["unit"]) == (money.id, 50000.0, "円")
    offer = post(uow)
    staff = {"age_band": "30代", "skills": {}, "interests": [], "regions": ["iwakuni"],
             "home_region": "iwakuni", "online": False, "weekly_availability": [],
             "available_dates": [], "languages": ["ja"], "first_timer": False, "max_hours_per_month": 8.0,
             "origin": "citizen", "offer_id": offer.id, "contact": Contact("staff@example.co.jp", None)}
    talents.create_talent(uow, Actor("operator", key_id="op"), str(uuid.uuid4()), None, staff)
    registered_event = uow.published[-1]
    assert registered_event.type == "matching.talent_registered"
    assert registered_event.payload()["offer_id"] == offer.id
    assert "staff@example" not in str(registered_event.payload())
