"""Delivery outcomes on SQLite and PostgreSQL from the migrations: counted per Japanese day,
channel and kind; a replayed delivery counts once, with its latest outcome."""
from datetime import date

import pytest

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app.delivery_outcomes import delivery_counts
from services.reports.contract.events import PUBLISHED
from services.reports.domain.delivery_outcomes import DeliveryCount
from services.reports.tests.unit.test_delivery_outcomes import outcome

OPERATOR = Actor("operator", key_id="k-op")


@pytest.fixture
def uow(database_url):
    upgrade("reports", database_url)
    engine = make_engine(database_url)
    yield SqlReportsUnitOfWork(make_session_factory(engine), "reports", PUBLISHED, MESSAGING)
    engine.dispose()


def test_outcomes_are_counted_on_the_real_tables(uow):
    outcome(uow, "notifications.delivered", "2027-01-14T15:30:00+00:00")  # the 15th in Japan
    outcome(uow, "notifications.delivered", "2027-01-15T01:00:00+00:00", channel="line")
    replayed = outcome(uow, "notifications.delivery_failed", "2027-01-15T02:00:00+00:00",
                       channel="webhook", kind="matching.offer_posted")
    outcome(uow, "notifications.delivered", "2027-01-15T05:00:00+00:00", channel="webhook",
            kind="matching.offer_posted", delivery_id=replayed)
    outcome(uow, "notifications.delivery_failed", "2027-01-16T02:00:00+00:00")
    assert delivery_counts(uow, OPERATOR, date(2027, 1, 15), date(2027, 1, 16)) == [
        DeliveryCount(date(2027, 1, 15), "email", "matching.match_confirmed", 1, 0),
        DeliveryCount(date(2027, 1, 15), "line", "matching.match_confirmed", 1, 0),
        DeliveryCount(date(2027, 1, 15), "webhook", "matching.offer_posted", 1, 0),
        DeliveryCount(date(2027, 1, 16), "email", "matching.match_confirmed", 0, 1)]
    assert delivery_counts(uow, OPERATOR, date(2027, 1, 17), date(2027, 1, 17)) == []
