"""What an offer gave: recorded once by its business or an operator, checked field by field,
announced with the recipient organisation and region of the need it answered."""
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, NotFound, ValidationFailed
from services.matching.app import needs, offers
from services.matching.app.needs import PostNeed
from services.matching.domain.need_schedule import NeedSchedule, OneOff
from services.matching.domain.offer_fulfilment import Gift
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.registry_events import deliver, registry_event

SHOP, GROUP_ID = str(uuid.uuid4()), str(uuid.uuid4())
PARTNER, GROUP, OPERATOR = Actor("partner", SHOP), Actor("organisation", GROUP_ID), Actor("operator", key_id="op")
CITY = {"iwakuni", "yu", "kuga"}
NOW = datetime(2027, 2, 6, 3, 0, tzinfo=timezone.utc)


@pytest.fixture
def uow():
    uow = MemoryMatchingUnitOfWork()
    for organisation_id, kind in ((SHOP, "business"), (GROUP_ID, "npo")):
        deliver(uow, registry_event("registry.organisation_registered", {
            "organisation_id": organisation_id, "kind": kind, "region": "yu", "fields": ["welfare"],
            "status": "verified"}))
    return uow


def offer(uow, **overrides):
    details = {"kind": "goods", "title": "お弁当の提供", "description": "", "skills": {}, "fields": ["welfare"],
               "quantity": 120, "unit": "食", "regions": ["yu"], "online": False, "starts": date(2027, 1, 1),
               "ends": date(2027, 3, 31), **overrides}
    return offers.post_offer(uow, PARTNER, str(uuid.uuid4()), None, details)


def need(uow, region="yu"):
    return needs.post_need(uow, GROUP, PostNeed(
        need_id=str(uuid.uuid4()), title="子ども食堂の食材", kind="event_helper", slots=3, region=region,
        schedule=NeedSchedule(dates=(OneOff(date(2027, 2, 6), "morning", 3),))))


def fulfil(uow, offer_id, actor=PARTNER, **overrides):
    gift = Gift(**{"quantity": 100, "value_yen": 30000, "value_basis": "market_price", **overrides})
    return offers.fulfil_offer(uow, actor, offer_id, gift, CITY, now=NOW)


def test_a_partner_records_once_what_its_offer_gave(uow):
    goods, answered = offer(uow), need(uow)
    done = fulfil(uow, goods.id, need_id=answered.id, people_reached=100)
    assert (done.quantity, done.unit, done.value_yen, done.value_basis) == (100.0, "食", 30000, "market_price")
    assert (done.recipient_id, done.region, done.fulfilled_on) == (GROUP_ID, "yu", date(2027, 2, 6))
    assert offers.get_offer(uow, goods.id).status == "fulfilled"
    event = uow.published[-1]
    assert event.type == "matching.offer_fulfilled"
    assert event.payload() == {
        "offer_id": goods.id, "organisation_id": SHOP, "kind": "goods", "quantity": 100.0, "unit": "食",
        "value_yen": 30000, "value_basis": "market_price", "need_id": answered.id,
        "recipient_organisation_id": GROUP_ID, "region": "yu", "people_reached": 100,
        "fulfilled_on": "2027-02-06"}
    published = len(uow.published)
    with pytest.raises(Conflict):
        fulfil(uow, goods.id)
    with pytest.raises(Conflict):  # no longer editable either
        offers.update_offer(uow, PARTNER, goods.id, {"quantity": 1})
    assert len(uow.published) == published
    assert goods.id not in {o.id for o in uow.offers.open_offers()}


def test_an_operator_records_for_a_partner_and_a_gift_needs_no_need(uow):
    money = offer(uow, kind="money", quantity=50000, unit="円")
    done = fulfil(uow, money.id, actor=OPERATOR, quantity=50000, value_yen=50000, value_basis="amount_given",
                  fulfilled_on=date(2027, 1, 20))
    assert (done.need_id, done.recipient_id, done.region, done.fulfilled_on) == (None, None, None, date(2027, 1, 20))


def test_another_partners_offer_is_not_found_and_others_may_not_record(uow):
    goods = offer(uow)
    for actor in (Actor("partner", str(uuid.uuid4())), GROUP, Actor("citizen", str(uuid.uuid4()))):
        with pytest.raises(NotFound):
            fulfil(uow, goods.id, actor=actor)
    with pytest.raises(NotFound):
        fulfil(uow, str(uuid.uuid4()))
    assert offers.get_offer(uow, goods.id).status == "open"


@pytest.mark.parametrize("kind, overrides, field", [
    ("goods", {"quantity": 121}, "quantity"),
    ("goods", {"value_yen": -1}, "value_yen"),
    ("goods", {"value_basis": "amount_given"}, "value_basis"),
    ("money", {"value_basis": "market_price"}, "value_basis"),
    ("goods", {"value_basis": "guess"}, "value_basis"),
    ("goods", {"need_id": str(uuid.uuid4())}, "need_id"),
    ("goods", {"people_reached": -3}, "people_reached"),
    ("goods", {"fulfilled_on": date(2027, 2, 7)}, "fulfilled_on"),
])
def test_bad_input_names_its_field_and_changes_nothing(uow, kind, overrides, field):
    target = offer(uow, kind=kind)
    published = len(uow.published)
    with pytest.raises(ValidationFailed) as error:
        fulfil(uow, target.id, **overrides)
    assert field in error.value.fields
    assert offers.get_offer(uow, target.id).status == "open"
    assert uow.fulfilments.get(target.id) is None and len(uow.published) == published


def test_a_need_of_another_city_is_refused(uow):
    elsewhere = need(uow, region="shunan")
    goods = offer(uow)
    with pytest.raises(ValidationFailed) as error:
        fulfil(uow, goods.id, need_id=elsewhere.id)
    assert "need_id" in error.value.fields and offers.get_offer(uow, goods.id).status == "open"


def test_the_default_day_is_the_citys_calendar_day(uow):
    goods = offer(uow)
    late_evening_utc = datetime(2027, 2, 5, 16, 30, tzinfo=timezone.utc)  # 01:30 on the 6th in Japan
    done = offers.fulfil_offer(uow, PARTNER, goods.id, Gift(1, 300, "cost"), CITY, now=late_evening_utc)
    assert done.fulfilled_on == late_evening_utc.date() + timedelta(days=1)
