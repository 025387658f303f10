"""A sign-up the gathering's side ended (room lost, gathering cancelled) tells the participant
why; one the participant cancelled keeps the plain message."""
from services.notifications.app.preference_settings import put_preferences
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.notifications.tests.unit.test_gathering_and_funding_notices import PERSON, SIGN_UP, handle

ROOM_LOST = "会場の予約がcancelledになりました / the room booking was cancelled"


def test_a_sign_up_ended_by_the_gathering_tells_the_participant_why():
    uow = MemoryNotificationsUnitOfWork()
    assert handle(uow, "matching.gathering_sign_up_cancelled",
                  {**SIGN_UP, "previous_status": "confirmed", "reason": ROOM_LOST})
    [message] = uow.messages.rows.values()
    assert message.recipient_id == PERSON.recipient_id
    assert message.title.startswith("催しが開催されなくなり") and ROOM_LOST in message.body


def test_in_english_too_and_a_participants_own_cancellation_stays_plain():
    uow = MemoryNotificationsUnitOfWork()
    put_preferences(uow, PERSON, {"language": "en"})
    handle(uow, "matching.gathering_sign_up_cancelled", {**SIGN_UP, "previous_status": "confirmed",
                                                         "reason": ROOM_LOST})
    handle(uow, "matching.gathering_sign_up_cancelled", {**SIGN_UP, "sign_up_id": SIGN_UP["gathering_id"],
                                                         "previous_status": "waitlisted"})
    titles = sorted(m.title for m in uow.messages.rows.values())
    assert titles == ["Sign-up cancelled", "The gathering will not take place: your sign-up ended"]


def test_a_change_reaches_exactly_the_participants_matching_names():
    uow = MemoryNotificationsUnitOfWork()
    other = "citizen:" + SIGN_UP["sign_up_id"]
    handle(uow, "matching.gathering_updated", {
        "gathering_id": SIGN_UP["gathering_id"], "organiser_id": SIGN_UP["sign_up_id"], "changed": ["title"],
        "capacity": 10, "participants": [PERSON.recipient_id, other]})
    handle(uow, "matching.gathering_updated", {
        "gathering_id": SIGN_UP["gathering_id"], "organiser_id": SIGN_UP["sign_up_id"], "changed": ["capacity"],
        "capacity": 12, "participants": []})
    messages = list(uow.messages.rows.values())
    assert sorted(m.recipient_id for m in messages) == sorted([PERSON.recipient_id, other])
    assert all(m.title.startswith("お申し込みの催しの内容が変わりました") for m in messages)


def test_cancelling_reminds_the_organiser_that_the_room_is_still_booked():
    uow = MemoryNotificationsUnitOfWork()
    organiser = SIGN_UP["sign_up_id"]
    handle(uow, "matching.gathering_cancelled", {"gathering_id": SIGN_UP["gathering_id"],
                                                 "organiser_id": organiser, "reason": "台風接近のため",
                                                 "booking_ids": []})
    [message] = uow.messages.rows.values()
    assert message.recipient_id == f"organisation:{organiser}"
    assert "/bookings" in message.body and "台風接近のため" in message.body
