"""Matching's gathering events reach the participant (or the organiser) once, in their language,
through their preferences: a reminder the day before waits for a daily digest if they asked so.
A funding window reaches exactly the organisations matching found eligible."""
import uuid
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.app.preference_settings import put_preferences
from services.notifications.domain.contact_address import ContactAddress
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork

PERSON = Actor("citizen", str(uuid.uuid4()))
GATHERING = str(uuid.uuid4())
SIGN_UP = {"gathering_id": GATHERING, "sign_up_id": str(uuid.uuid4()), "participant": PERSON.recipient_id,
           "seats": 1}


def handle(uow, event_type, payload):
    envelope = Envelope(event_type, 1, "matching", payload, "corr").as_dict()
    _, loaded = CONSUMED.load_incoming(envelope)
    return apply_once(uow, envelope, loaded, EVENT_HANDLERS[event_type])


def test_a_reminder_reaches_the_participant_once_in_their_language_with_japan_time():
    uow = MemoryNotificationsUnitOfWork()
    put_preferences(uow, PERSON, {"language": "en"})
    payload = {**SIGN_UP, "starts_at": "2027-02-06T01:00:00+00:00"}
    assert handle(uow, "matching.gathering_reminder_due", payload)
    [message] = uow.messages.rows.values()
    assert message.recipient_id == PERSON.recipient_id and message.link == f"/api/v1/gatherings/{GATHERING}"
    assert message.title == "Reminder: tomorrow" and "2027-02-06 10:00" in message.body


def test_a_daily_digest_preference_holds_the_reminder_instead_of_sending_it_at_once():
    uow = MemoryNotificationsUnitOfWork()
    moment = datetime(2026, 1, 1, tzinfo=timezone.utc)
    uow.addresses.add(ContactAddress("a-1", PERSON.recipient_id, "email", "p@example.jp", moment, moment))
    put_preferences(uow, PERSON, {"channels": {"email": "daily"}})
    handle(uow, "matching.gathering_reminder_due", {**SIGN_UP, "starts_at": "2027-02-06T01:00:00+00:00"})
    [delivery] = uow.deliveries.rows.values()
    assert delivery.status == "held" and delivery.digest_period.startswith("daily:")


def test_an_offered_place_tells_its_deadline_and_a_refused_room_tells_the_organiser_why():
    uow = MemoryNotificationsUnitOfWork()
    handle(uow, "matching.gathering_place_offered", {**SIGN_UP, "confirm_by": "2027-02-04T03:00:00+00:00"})
    organiser = str(uuid.uuid4())
    handle(uow, "matching.gathering_room_settled", {
        "gathering_id": GATHERING, "organiser_id": organiser, "status": "refused",
        "reason": "会場の予約がdeclinedになりました / the room booking was declined"})
    offered, refused = sorted(uow.messages.rows.values(), key=lambda m: m.recipient_id)
    assert offered.recipient_id == PERSON.recipient_id and "2027-02-04 12:00" in offered.body
    assert refused.recipient_id == f"organisation:{organiser}" and "declined" in refused.body
    assert refused.title.startswith("会場を確保できませんでした")


def test_a_funding_window_reaches_the_eligible_organisations_named_and_no_one_else():
    uow = MemoryNotificationsUnitOfWork()
    eligible = [str(uuid.uuid4()), str(uuid.uuid4())]
    opportunity = str(uuid.uuid4())
    handle(uow, "matching.funding_window_opened", {
        "opportunity_id": opportunity, "programme": "協働のまちづくり事業補助金", "closes_on": "2027-05-31",
        "organisation_ids": eligible})
    messages = list(uow.messages.rows.values())
    assert sorted(m.recipient_id for m in messages) == sorted(f"organisation:{o}" for o in eligible)
    assert all(m.link == f"/api/v1/funding-opportunities/{opportunity}" for m in messages)
    assert messages[0].title.startswith("応募できる助成があります: 協働のまちづくり事業補助金")
    assert "2027-05-31" in messages[0].body
