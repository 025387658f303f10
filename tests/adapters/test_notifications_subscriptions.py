"""Subscriptions stored in SQL (SQLite and PostgreSQL from the migrations): topics of every
kind, chosen event types versus role defaults, followers, and the operators' pages."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.migrations import upgrade
from services.notifications.adapters.tables import MESSAGING
from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork
from services.notifications.app import inbox, subscriptions
from services.notifications.app.event_handlers import SUBSCRIBABLE
from services.notifications.app.subscriptions import SubscriptionChoice
from services.notifications.contract.events import PUBLISHED
from services.notifications.domain.subscription_defaults import defaults_for
from services.notifications.entrypoints.consumed_events import CONSUMED

OPERATOR = Actor("operator", key_id="k-op")
ORGANISATION_ID = str(uuid.uuid4())


@pytest.fixture
def make_uow(database_url):
    upgrade("notifications", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    yield lambda: SqlNotificationsUnitOfWork(factory, "notifications", PUBLISHED, MESSAGING)
    engine.dispose()


def test_every_kind_of_topic_round_trips_and_defaults_stay_defaults(make_uow):
    citizen, partner = Actor("citizen", str(uuid.uuid4())), Actor("partner", str(uuid.uuid4()))
    chosen = subscriptions.subscribe(make_uow(), citizen, SubscriptionChoice(
        ["yu"], ["welfare"], [ORGANISATION_ID], ["matching.need_posted", "matching.match_confirmed"]),
        SUBSCRIBABLE)
    subscriptions.subscribe(make_uow(), partner, SubscriptionChoice([], [], [ORGANISATION_ID], None),
                            SUBSCRIBABLE)
    assert subscriptions.get_subscription(make_uow(), citizen) == chosen
    stored = subscriptions.get_subscription(make_uow(), partner)
    assert stored.uses_defaults and stored.hears == defaults_for(partner.recipient_id)
    with make_uow() as uow:
        assert uow.subscriptions.followers_of(ORGANISATION_ID) == sorted(
            [citizen.recipient_id, partner.recipient_id])
        assert uow.subscriptions.chosen_event_types(
            [citizen.recipient_id, partner.recipient_id, "citizen:nobody"]) == {
            citizen.recipient_id: {"matching.need_posted", "matching.match_confirmed"}}
        assert uow.subscriptions.recipients_for("yu", []) == [citizen.recipient_id]


def test_operators_page_through_everyone_in_recipient_order(make_uow):
    actors = [Actor("citizen", f"c-{n}") for n in range(5)]
    for actor in actors:
        subscriptions.subscribe(make_uow(), actor, SubscriptionChoice(["miwa"], [], [], None),
                                SUBSCRIBABLE)
    seen, after = [], None
    while True:
        page = subscriptions.list_subscriptions(make_uow(), OPERATOR, after, 2)
        seen += [s.recipient_id for s in page.items]
        if not page.next_cursor:
            break
        after = [page.items[-1].recipient_id]
    assert seen == sorted(a.recipient_id for a in actors)


def test_a_follower_who_chose_other_types_does_not_hear_the_need(make_uow):
    listening, choosy = Actor("citizen", str(uuid.uuid4())), Actor("citizen", str(uuid.uuid4()))
    subscriptions.subscribe(make_uow(), listening, SubscriptionChoice([], [], [ORGANISATION_ID], None),
                            SUBSCRIBABLE)
    subscriptions.subscribe(make_uow(), choosy, SubscriptionChoice(
        [], [], [ORGANISATION_ID], ["matching.match_confirmed"]), SUBSCRIBABLE)
    envelope = Envelope("matching.need_posted", 1, "matching", {
        "need_id": str(uuid.uuid4()), "organisation_id": ORGANISATION_ID, "title": "見守り",
        "kind": "volunteer_shift", "region": "yu", "fields": [], "slots": 1}, "corr").as_dict()
    assert apply_once(make_uow(), envelope, CONSUMED.load_incoming(envelope)[1], inbox.on_need_posted)
    assert len(inbox.read_inbox(make_uow(), listening, inbox.InboxQuery()).items) == 1
    assert inbox.read_inbox(make_uow(), choosy, inbox.InboxQuery()).items == []
