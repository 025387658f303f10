"""Funding opportunities and applications on SQLite and PostgreSQL, schemas built by the
migrations: eligibility read from the organisations registry told matching about, the window
notices once, one application per organisation and opportunity."""
import json
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.errors import Conflict
from services.common.migrations import upgrade
from services.matching.adapters.tables import MESSAGING
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app import funding
from services.matching.app.event_handlers import EVENT_HANDLERS
from services.matching.app.funding import PublishOpportunity
from services.matching.contract.events import PUBLISHED
from services.matching.domain.funding import Eligibility

TODAY = funding.today()


@pytest.fixture
def make_uow(database_url):
    upgrade("matching", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    yield lambda: SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING)
    engine.dispose()


def registered(make_uow, region, founded_year, legal_form="npo_corporation"):
    organisation_id = str(uuid.uuid4())
    with make_uow() as uow:
        EVENT_HANDLERS["registry.organisation_registered"](uow, str(uuid.uuid4()), {
            "organisation_id": organisation_id, "kind": "npo", "region": region, "fields": ["welfare"],
            "status": "verified", "founded_year": founded_year, "legal_form": legal_form})
        uow.commit()
    return organisation_id


def test_eligibility_notices_and_applications_on_the_real_tables(make_uow):
    fits, too_new = registered(make_uow, "yu", 2010), registered(make_uow, "yu", TODAY.year)
    opportunity = funding.publish_opportunity(make_uow(), Actor("operator"), PublishOpportunity(
        opportunity_id=str(uuid.uuid4()), funder="岩国市", programme="協働のまちづくり事業補助金",
        title="令和9年度募集", amount_min_yen=0, amount_max_yen=300_000, opens_on=TODAY,
        closes_on=TODAY + timedelta(days=20), remind_days_before=5, links=["https://www.city.iwakuni.lg.jp/"],
        eligibility=Eligibility(kinds=["npo"], regions=["yu"], fields=["welfare"], min_years_active=2,
                                legal_forms=["npo_corporation"])))
    [fit] = funding.eligibility(make_uow(), Actor("organisation", too_new), None)
    assert [f.rule for f in fit.failed] == ["min_years_active"]
    assert funding.eligibility(make_uow(), Actor("organisation", fits), None)[0].eligible
    assert funding.send_window_notices(make_uow(), TODAY) == 1
    assert funding.send_window_notices(make_uow(), TODAY) == 0
    application = funding.apply_for(make_uow(), Actor("organisation", fits), str(uuid.uuid4()), opportunity.id, None)
    with pytest.raises(Conflict):
        funding.apply_for(make_uow(), Actor("organisation", fits), str(uuid.uuid4()), opportunity.id, None)
    funding.record_result(make_uow(), Actor("operator"), application.id, "awarded", 250_000)
    assert funding.send_window_notices(make_uow(), opportunity.closes_on - timedelta(days=5)) == 1
    with make_uow() as uow:
        stored = uow.opportunities.get(opportunity.id)
        [mine] = uow.applications.for_organisation(fits)
        outbox = [(t, json.loads(e)["payload"]) for t, e in uow.session.execute(
            select(MESSAGING.outbox.c.type, MESSAGING.outbox.c.envelope))]
    assert stored.eligibility == opportunity.eligibility and stored.opening_announced and stored.closing_reminded
    assert (mine.status, mine.amount_awarded_yen) == ("awarded", 250_000)
    [opened] = [p for t, p in outbox if t == "matching.funding_window_opened"]
    [closing] = [p for t, p in outbox if t == "matching.funding_closing_soon"]
    assert opened["organisation_ids"] == [fits] and closing["organisation_ids"] == []
