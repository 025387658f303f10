"""Who hears what: event types (role defaults or one's own choice), organisations followed, and
operators managing anyone's subscription."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.envelope import Envelope
from services.common.errors import Forbidden, ValidationFailed
from services.common.event_handling import apply_once
from services.notifications.app import subscriptions
from services.notifications.app.event_handlers import EVENT_HANDLERS, SUBSCRIBABLE
from services.notifications.app.subscriptions import SubscriptionChoice
from services.notifications.domain.subscription_defaults import ROLE_DEFAULTS, defaults_for
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork

OPERATOR = Actor("operator", key_id="k-op")
ORGANISATION_ID = str(uuid.uuid4())
TALENT = Actor("citizen", str(uuid.uuid4()))
FOLLOWER = Actor("citizen", str(uuid.uuid4()))


def choice(regions=(), organisations=(), event_types=None):
    return SubscriptionChoice(list(regions), [], list(organisations),
                              None if event_types is None else list(event_types))


def handle(uow, event_type, payload):
    envelope = Envelope(event_type, 1, "matching", payload, "corr").as_dict()
    apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], EVENT_HANDLERS[event_type])


def heard(uow, actor):
    return sorted(m.title for m in uow.messages.rows.values() if m.recipient_id == actor.recipient_id)


def need_posted(organisation_id=ORGANISATION_ID, region="miwa"):
    return {"need_id": str(uuid.uuid4()), "organisation_id": organisation_id, "title": "子ども食堂",
            "kind": "volunteer_shift", "region": region, "fields": ["welfare"], "slots": 2}


def match_event(talent_id, organisation_id=ORGANISATION_ID):
    return {"match_id": str(uuid.uuid4()), "need_id": str(uuid.uuid4()), "talent_id": talent_id,
            "organisation_id": organisation_id, "by": "organisation"}


def test_every_role_default_is_an_event_type_one_may_choose():
    for defaults in ROLE_DEFAULTS.values():
        assert defaults <= SUBSCRIBABLE
    assert "matching.match_proposed" in defaults_for(TALENT.recipient_id)
    assert "matching.match_confirmed" in defaults_for(TALENT.recipient_id)
    assert "registry.newcomer_interest_registered" in defaults_for("organisation:x")
    assert "matching.match_accepted" in defaults_for("organisation:x")
    assert "matching.offer_updated" in defaults_for("partner:x")
    assert "reports.report_ready" not in SUBSCRIBABLE  # a report one asked for always arrives


def test_following_an_organisation_brings_its_new_needs_from_any_region():
    uow = MemoryNotificationsUnitOfWork()
    subscriptions.subscribe(uow, FOLLOWER, choice(organisations=[ORGANISATION_ID]), SUBSCRIBABLE)
    handle(uow, "matching.need_posted", need_posted())
    handle(uow, "matching.need_posted", need_posted(organisation_id=str(uuid.uuid4())))
    assert heard(uow, FOLLOWER) == ["新しい募集: 子ども食堂 / New opportunity"]


def test_following_a_partner_brings_its_offers_and_an_organiser_its_gatherings():
    uow = MemoryNotificationsUnitOfWork()
    partner, organiser = str(uuid.uuid4()), str(uuid.uuid4())
    subscriptions.subscribe(uow, FOLLOWER, choice(organisations=[partner, organiser]), SUBSCRIBABLE)
    handle(uow, "matching.offer_posted", {"offer_id": str(uuid.uuid4()), "organisation_id": partner})
    handle(uow, "matching.gathering_created", {
        "gathering_id": str(uuid.uuid4()), "organiser_id": organiser, "kind": "workshop",
        "region": "yu", "fields": [], "starts_at": "2027-02-06T10:00:00+09:00", "capacity": 30,
        "fee_yen": 0, "online": False, "status": "waiting_for_room"})
    assert len(heard(uow, FOLLOWER)) == 2
    assert any("由宇" in m.body and "2027-02-06 10:00" in m.body for m in uow.messages.rows.values())
    assert [m.recipient_id for m in uow.messages.rows.values()].count(f"partner:{partner}") == 1


def test_chosen_event_types_replace_the_role_defaults():
    uow = MemoryNotificationsUnitOfWork()
    subscriptions.subscribe(uow, TALENT, choice(regions=["miwa"],
                                                event_types=["matching.match_confirmed"]),
                            SUBSCRIBABLE)
    handle(uow, "matching.match_proposed", match_event(TALENT.subject_id))
    handle(uow, "matching.need_posted", need_posted())
    assert heard(uow, TALENT) == []
    handle(uow, "matching.match_confirmed", match_event(TALENT.subject_id))
    assert len(heard(uow, TALENT)) == 1
    # The organisation never chose: its defaults take in both match events.
    assert len(heard(uow, Actor("organisation", ORGANISATION_ID))) == 2


def test_an_unknown_event_type_names_the_valid_ones_and_changes_nothing():
    uow = MemoryNotificationsUnitOfWork()
    subscriptions.subscribe(uow, TALENT, choice(regions=["yu"]), SUBSCRIBABLE)
    with pytest.raises(ValidationFailed) as raised:
        subscriptions.subscribe(uow, TALENT, choice(event_types=["matching.need_posted",
                                                                 "matching.nothing"]),
                                SUBSCRIBABLE)
    [message] = raised.value.fields["event_types"]
    assert "matching.nothing" in message and "matching.match_confirmed" in message
    assert subscriptions.get_subscription(uow, TALENT).regions == {"yu"}


def test_operators_list_and_set_anyones_subscription_and_others_may_not():
    uow = MemoryNotificationsUnitOfWork()
    subscriptions.subscribe(uow, TALENT, choice(regions=["yu"]), SUBSCRIBABLE)
    set_ = subscriptions.set_subscription_of(uow, OPERATOR, FOLLOWER.recipient_id,
                                             choice(organisations=[ORGANISATION_ID],
                                                    event_types=["matching.need_posted"]),
                                             SUBSCRIBABLE)
    assert subscriptions.get_subscription(uow, FOLLOWER) == set_
    assert set_.hears == {"matching.need_posted"} and not set_.uses_defaults
    first = subscriptions.list_subscriptions(uow, OPERATOR, None, 1)
    second = subscriptions.list_subscriptions(uow, OPERATOR, [first.items[0].recipient_id], 1)
    assert {first.items[0].recipient_id, second.items[0].recipient_id} == {
        TALENT.recipient_id, FOLLOWER.recipient_id}
    fresh = subscriptions.subscription_of(uow, OPERATOR, "partner:p-1")
    assert fresh.uses_defaults and fresh.hears == defaults_for("partner:p-1")
    for attempt in (lambda: subscriptions.list_subscriptions(uow, TALENT, None, 10),
                    lambda: subscriptions.subscription_of(uow, TALENT, FOLLOWER.recipient_id),
                    lambda: subscriptions.set_subscription_of(uow, TALENT, FOLLOWER.recipient_id,
                                                              choice(), SUBSCRIBABLE)):
        with pytest.raises(Forbidden):
            attempt()
