import uuid

from services.common.actor import Actor
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.notifications.app import inbox, subscriptions
from services.notifications.app.event_handlers import SUBSCRIBABLE
from services.notifications.app.subscriptions import SubscriptionChoice
from services.notifications.app.inbox import InboxQuery
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork

YU_CITIZEN = Actor("citizen", "c-1")
WELFARE_CITIZEN = Actor("citizen", "c-2")
BYSTANDER = Actor("citizen", "c-3")


def need_posted(region="yu", fields=("disaster_prevention",)):
    """(envelope, payload as the consumer loads it)."""
    envelope = Envelope("matching.need_posted", 1, "matching", {
        "need_id": str(uuid.uuid4()), "organisation_id": str(uuid.uuid4()),
        "title": "防災訓練の受付", "kind": "volunteer_shift", "region": region,
        "fields": list(fields), "slots": 4}, "corr").as_dict()
    return envelope, CONSUMED.load_incoming(envelope)[1]


def subscribed_uow():
    uow = MemoryNotificationsUnitOfWork()
    subscriptions.subscribe(uow, YU_CITIZEN, SubscriptionChoice(["yu"], [], [], None), SUBSCRIBABLE)
    subscriptions.subscribe(uow, WELFARE_CITIZEN, SubscriptionChoice([], ["welfare"], [], None), SUBSCRIBABLE)
    subscriptions.subscribe(uow, BYSTANDER, SubscriptionChoice(["miwa"], ["sports"], [], None), SUBSCRIBABLE)
    return uow


def titles(uow, actor):
    return [m.title for m in inbox.read_inbox(uow, actor, InboxQuery()).items]


def test_a_need_reaches_people_subscribed_to_its_region_or_field_only():
    uow = subscribed_uow()
    event, payload = need_posted(region="yu", fields=("welfare",))
    apply_once(uow, event, payload, inbox.on_need_posted)
    assert titles(uow, YU_CITIZEN) == ["新しい募集: 防災訓練の受付 / New opportunity"]
    assert len(titles(uow, WELFARE_CITIZEN)) == 1
    assert titles(uow, BYSTANDER) == []


def test_a_redelivered_event_makes_no_second_message():
    uow = subscribed_uow()
    event, payload = need_posted()
    assert apply_once(uow, event, payload, inbox.on_need_posted)
    assert not apply_once(uow, event, payload, inbox.on_need_posted)
    assert len(titles(uow, YU_CITIZEN)) == 1


def test_message_ids_are_stable_per_event_and_recipient():
    """A replayed dead letter (new inbox entry, same event id) yields the same message id."""
    uow, again = subscribed_uow(), subscribed_uow()
    event, payload = need_posted()
    apply_once(uow, event, payload, inbox.on_need_posted)
    apply_once(again, event, payload, inbox.on_need_posted)
    assert set(uow.messages.rows) == set(again.messages.rows)


def test_resubscribing_replaces_the_topics():
    uow = subscribed_uow()
    subscriptions.subscribe(uow, YU_CITIZEN, SubscriptionChoice([], ["sports"], [], None), SUBSCRIBABLE)
    subscription = subscriptions.get_subscription(uow, YU_CITIZEN)
    assert subscription.regions == frozenset() and subscription.fields == {"sports"}


def test_someone_without_a_subscription_reads_an_empty_one():
    subscription = subscriptions.get_subscription(MemoryNotificationsUnitOfWork(), Actor("citizen", "new"))
    assert subscription.regions == frozenset() and subscription.fields == frozenset()


def test_messages_name_the_region_as_people_know_it():
    uow = subscribed_uow()
    event, payload = need_posted(region="yu")
    apply_once(uow, event, payload, inbox.on_need_posted)
    [message] = inbox.read_inbox(uow, YU_CITIZEN, InboxQuery()).items
    assert message.body.startswith("由宇で4名の募集があります。")
