"""An offer's fulfilment on SQLite and PostgreSQL, schemas built by the migrations: stored once
with its event in the outbox, the offer no longer open, a second recording a conflict."""
import json
import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.errors import Conflict
from services.common.migrations import upgrade
from services.matching.adapters.tables import MESSAGING, offer_fulfilments
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app import needs, offers
from services.matching.app.event_handlers import EVENT_HANDLERS
from services.matching.app.needs import PostNeed
from services.matching.contract.events import PUBLISHED
from services.matching.domain.need_schedule import NeedSchedule, OneOff
from services.matching.domain.offer_fulfilment import Gift

NOW = datetime(2027, 2, 6, 3, 0, tzinfo=timezone.utc)


@pytest.fixture
def make_uow(database_url):
    upgrade("matching", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    yield lambda: SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING)
    engine.dispose()


def registered(make_uow, kind):
    organisation_id = str(uuid.uuid4())
    with make_uow() as uow:
        EVENT_HANDLERS["registry.organisation_registered"](uow, str(uuid.uuid4()), {
            "organisation_id": organisation_id, "kind": kind, "region": "yu", "fields": ["welfare"],
            "status": "verified"})
        uow.commit()
    return organisation_id


def test_a_fulfilment_is_stored_once_with_its_event(make_uow):
    shop, group = registered(make_uow, "business"), registered(make_uow, "npo")
    partner = Actor("partner", shop)
    goods = offers.post_offer(make_uow(), partner, str(uuid.uuid4()), None, {
        "kind": "goods", "title": "お弁当の提供", "description": "", "skills": {}, "fields": ["welfare"],
        "quantity": 120, "unit": "食", "regions": ["yu"], "online": False, "starts": date(2027, 1, 1),
        "ends": date(2027, 3, 31)})
    answered = needs.post_need(make_uow(), Actor("organisation", group), PostNeed(
        need_id=str(uuid.uuid4()), title="子ども食堂の食材", kind="event_helper", slots=3,
        schedule=NeedSchedule(dates=(OneOff(date(2027, 2, 6), "morning", 3),))))
    gift = Gift(quantity=100, value_yen=30000, value_basis="market_price", need_id=answered.id, people_reached=100)
    offers.fulfil_offer(make_uow(), partner, goods.id, gift, {"yu"}, now=NOW)
    with pytest.raises(Conflict):
        offers.fulfil_offer(make_uow(), partner, goods.id, gift, {"yu"}, now=NOW)
    with make_uow() as uow:
        stored = uow.fulfilments.get(goods.id)
        assert (stored.value_yen, stored.recipient_id, stored.region, stored.recorded_at) == (30000, group, "yu", NOW)
        assert uow.offers.get(goods.id).status == "fulfilled"
        assert goods.id not in {o.id for o in uow.offers.open_offers()}
        session = uow.session
        assert session.execute(select(func.count()).select_from(offer_fulfilments)).scalar() == 1
        outbox = MESSAGING.outbox
        [payload] = [json.loads(row.envelope)["payload"]
                     for row in session.execute(select(outbox).where(outbox.c.type == "matching.offer_fulfilled"))]
        assert (payload["value_basis"], payload["recipient_organisation_id"], payload["people_reached"]) == (
            "market_price", group, 100)
