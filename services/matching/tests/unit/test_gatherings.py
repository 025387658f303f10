"""Workshops, courses and talks against the fakes: rooms through registry's booking events,
sign-up, waitlist promotion with a confirm deadline, reminders, attendance and outcome."""
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from services.matching.app import gatherings, talents
from services.matching.app.gatherings import CreateGathering, SignUpFor
from services.matching.domain.gatherings import Outcome
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.registry_events import deliver, registry_event

ORG = str(uuid.uuid4())
ROOM, FACILITY = str(uuid.uuid4()), str(uuid.uuid4())
GROUP = Actor("organisation", ORG)
JST = timezone(timedelta(hours=9))
SOON = datetime.now(JST).replace(microsecond=0) + timedelta(days=10)


def known_organisation(uow, organisation_id=ORG):
    deliver(uow, registry_event("registry.organisation_registered", {
        "organisation_id": organisation_id, "kind": "npo", "region": "kuga",
        "fields": ["welfare"], "status": "verified"}))


def booking_event(uow, change, booking_id, starts=SOON, hours=2, organisation_id=ORG):
    deliver(uow, registry_event(f"registry.booking_{change}", {
        "booking_id": booking_id, "facility_id": FACILITY, "room_id": ROOM, "organisation_id": organisation_id,
        "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=hours)).isoformat(),
        "status": change}))


def create(uow, actor=GROUP, **overrides):
    command = {"gathering_id": str(uuid.uuid4()), "title": "防災 ワークショップ", "kind": "workshop",
               "starts_at": SOON, "ends_at": SOON + timedelta(hours=2), "capacity": 2,
               "online_url": "https://meet.example.jp/bousai", **overrides}
    return gatherings.create_gathering(uow, actor, CreateGathering(**command)).gathering


def citizen():
    return Actor("citizen", str(uuid.uuid4()))


def join(uow, actor, gathering, seats=1):
    return gatherings.sign_up(uow, actor, SignUpFor(str(uuid.uuid4()), gathering.id, seats))


@pytest.fixture
def uow():
    memory = MemoryMatchingUnitOfWork()
    known_organisation(memory)
    return memory


def test_an_online_gathering_is_scheduled_at_once_and_hides_its_link_from_outsiders(uow):
    gathering = create(uow)
    assert gathering.status == "scheduled" and gathering.region == "kuga" and gathering.target_fields == ["welfare"]
    assert [e.type for e in uow.published][-1] == "matching.gathering_created"
    someone = citizen()
    assert gatherings.get_gathering(uow, someone, gathering.id).link_released is False
    join(uow, someone, gathering)
    assert gatherings.get_gathering(uow, someone, gathering.id).link_released is True


def test_a_room_gathering_waits_for_registry_to_confirm_the_booking_then_is_scheduled(uow):
    booking = str(uuid.uuid4())
    gathering = create(uow, online_url=None, booking_ids=[booking])
    assert gathering.status == "waiting_for_room"
    with pytest.raises(Conflict):
        join(uow, citizen(), gathering)
    booking_event(uow, "requested", booking)
    assert uow.gatherings.get(gathering.id).status == "waiting_for_room"
    booking_event(uow, "confirmed", booking)
    assert uow.gatherings.get(gathering.id).status == "scheduled"
    assert uow.published[-1].type == "matching.gathering_room_settled"


def test_a_booking_known_to_be_someone_elses_or_too_short_is_refused_clearly(uow):
    other, short = str(uuid.uuid4()), str(uuid.uuid4())
    booking_event(uow, "requested", other, organisation_id=str(uuid.uuid4()))
    booking_event(uow, "requested", short, hours=1)
    with pytest.raises(ValidationFailed) as refused:
        create(uow, online_url=None, booking_ids=[other])
    assert "主催団体の予約ではありません" in refused.value.fields["booking_ids"][0]
    with pytest.raises(ValidationFailed) as too_short:
        create(uow, online_url=None, booking_ids=[short])
    assert "does not cover" in too_short.value.fields["booking_ids"][0]
    assert uow.gatherings.rows == {}


def test_a_booking_registry_declines_later_refuses_the_gathering(uow):
    booking = str(uuid.uuid4())
    gathering = create(uow, online_url=None, booking_ids=[booking])
    booking_event(uow, "requested", booking)
    booking_event(uow, "declined", booking)
    stored = uow.gatherings.get(gathering.id)
    assert stored.status == "refused" and "declined" in stored.refusal_reason


def test_a_weekly_course_needs_one_booking_per_session(uow):
    with pytest.raises(ValidationFailed) as refused:
        create(uow, online_url=None, booking_ids=[str(uuid.uuid4())], weekly_until=(SOON + timedelta(weeks=3)).date())
    assert "4" in refused.value.fields["booking_ids"][0]
    course = create(uow, weekly_until=(SOON + timedelta(weeks=3)).date())
    assert len(course.occurrences) == 4 and course.ends_at - course.starts_at == timedelta(weeks=3, hours=2)


@pytest.mark.parametrize("overrides, field", [
    ({"online_url": None}, "booking_ids"),
    ({"booking_ids": [str(uuid.uuid4())]}, "booking_ids"),
    ({"ends_at": SOON}, "ends_at"),
    ({"starts_at": SOON.replace(tzinfo=None)}, "starts_at"),
    ({"signup_closes": SOON + timedelta(hours=1)}, "signup_closes"),
    ({"title": "   "}, "title"),
    ({"weekly_until": date(2020, 1, 1)}, "weekly_until"),
])
def test_bad_gatherings_are_refused_and_nothing_is_stored(uow, overrides, field):
    with pytest.raises(ValidationFailed) as refused:
        create(uow, **overrides)
    assert field in refused.value.fields and uow.gatherings.rows == {}


def test_only_the_organisation_itself_or_an_operator_creates(uow):
    with pytest.raises(Forbidden):
        create(uow, actor=Actor("organisation", str(uuid.uuid4())), organiser_id=ORG)
    with pytest.raises(Forbidden):
        create(uow, actor=citizen())
    with pytest.raises(ValidationFailed):
        create(uow, actor=Actor("operator"), organiser_id=str(uuid.uuid4()))
    assert create(uow, actor=Actor("operator"), organiser_id=ORG).organiser_id == ORG


def test_full_means_waitlist_and_a_cancellation_offers_the_place_with_a_deadline(uow):
    gathering = create(uow, capacity=2)
    a, b, c = citizen(), citizen(), citizen()
    first, second, third = join(uow, a, gathering), join(uow, b, gathering), join(uow, c, gathering)
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]
    with pytest.raises(Conflict):
        join(uow, c, gathering)
    gatherings.cancel_sign_up(uow, a, first.id)
    offered = uow.sign_ups.get(third.id)
    assert offered.status == "offered" and offered.confirm_by <= gathering.starts_at
    assert uow.gatherings.get(gathering.id).seats_taken == 2
    assert gatherings.confirm_place(uow, c, third.id).status == "confirmed"
    assert {"matching.gathering_place_offered", "matching.gathering_place_confirmed"} <= {
        e.type for e in uow.published}


def test_an_unconfirmed_offer_expires_and_the_next_in_line_is_offered(uow):
    gathering = create(uow, capacity=1)
    holder, late, next_ = citizen(), citizen(), citizen()
    held = join(uow, holder, gathering)
    waiting, after = join(uow, late, gathering), join(uow, next_, gathering)
    gatherings.cancel_sign_up(uow, holder, held.id)
    assert uow.sign_ups.get(waiting.id).status == "offered"
    assert gatherings.expire_offers(uow, datetime.now(timezone.utc)) == 0
    assert gatherings.expire_offers(uow, datetime.now(timezone.utc) + timedelta(days=3)) == 1
    assert uow.sign_ups.get(waiting.id).status == "expired"
    assert uow.sign_ups.get(after.id).status == "offered"
    with pytest.raises(Conflict):
        gatherings.confirm_place(uow, late, waiting.id)


def test_an_organisation_signs_up_several_members_and_the_head_of_the_line_is_not_skipped(uow):
    gathering = create(uow, capacity=3)
    member_group = Actor("organisation", str(uuid.uuid4()))
    first = join(uow, citizen(), gathering)
    big = join(uow, member_group, gathering, seats=3)
    small = join(uow, citizen(), gathering)
    assert (first.status, big.status, small.status) == ("confirmed", "waitlisted", "waitlisted")
    gatherings.cancel_sign_up(uow, GROUP, first.id)  # the organiser cancels it
    assert uow.sign_ups.get(big.id).status == "offered" and uow.sign_ups.get(small.id).status == "waitlisted"
    with pytest.raises(ValidationFailed):
        join(uow, citizen(), gathering, seats=2)


def test_sign_up_respects_the_window_and_only_people_sign_up(uow):
    later = create(uow, signup_opens=datetime.now(timezone.utc) + timedelta(days=1))
    with pytest.raises(Conflict) as closed:
        join(uow, citizen(), later)
    assert "申込受付" in closed.value.message
    with pytest.raises(Forbidden):
        join(uow, Actor("operator"), create(uow))


def test_someone_elses_sign_up_is_not_found_to_them(uow):
    gathering = create(uow)
    mine = join(uow, citizen(), gathering)
    with pytest.raises(NotFound):
        gatherings.cancel_sign_up(uow, citizen(), mine.id)
    with pytest.raises(Forbidden):
        gatherings.list_sign_ups(uow, citizen(), gathering.id)


def test_youth_and_first_timers_are_counted_at_attendance(uow):
    young = Actor("citizen", str(uuid.uuid4()))
    talents.create_talent(uow, young, str(uuid.uuid4()), None, {
        "age_band": "20代", "skills": {}, "interests": ["welfare"], "regions": ["kuga"], "home_region": "kuga",
        "online": True, "weekly_availability": [], "available_dates": [], "languages": ["ja"],
        "first_timer": True, "max_hours_per_month": 4.0, "origin": "citizen", "offer_id": None, "contact": None})
    veteran = citizen()
    join(uow, veteran, create(uow))
    gathering = create(uow, capacity=5)
    came, old_hand, absent = join(uow, young, gathering), join(uow, veteran, gathering), join(uow, citizen(), gathering)
    assert (came.youth, came.first_timer, old_hand.first_timer, old_hand.youth) == (True, True, False, False)
    with pytest.raises(Conflict):
        gatherings.record_attendance(uow, GROUP, gathering.id, [came.id])
    started = SOON + timedelta(hours=1)
    with pytest.raises(ValidationFailed):
        gatherings.record_attendance(uow, GROUP, gathering.id, [str(uuid.uuid4())], started)
    gatherings.record_attendance(uow, GROUP, gathering.id, [came.id, old_hand.id], started)
    recorded = uow.published[-1]
    assert (recorded.signed_up, recorded.attended, recorded.youth_attended, recorded.first_timers_attended) == (3, 2, 1, 1)
    assert uow.sign_ups.get(absent.id).attended is False
    with pytest.raises(Forbidden):
        gatherings.record_outcome(uow, citizen(), gathering.id, Outcome("議事録", [], []), started)
    with pytest.raises(Conflict):
        gatherings.record_outcome(uow, GROUP, gathering.id, Outcome("議事録", [], []))
    gatherings.record_outcome(uow, GROUP, gathering.id, Outcome("議事録", ["防災マップ", "炊き出し"], ["次回日程"]), started)
    assert uow.gatherings.get(gathering.id).outcome.ideas == ["防災マップ", "炊き出し"]
    assert (uow.published[-1].ideas, uow.published[-1].follow_ups) == (2, 1)


def test_reminders_go_once_per_session_the_day_before_to_place_holders_only(uow):
    gathering = create(uow, capacity=1, starts_at=SOON, ends_at=SOON + timedelta(hours=2),
                       weekly_until=(SOON + timedelta(weeks=1)).date())
    holder, waiting = join(uow, citizen(), gathering), join(uow, citizen(), gathering)
    day_before = SOON - timedelta(hours=20)
    assert gatherings.send_reminders(uow, SOON - timedelta(days=3)) == 0
    assert gatherings.send_reminders(uow, day_before) == 1
    assert gatherings.send_reminders(uow, day_before + timedelta(hours=1)) == 0
    reminder = uow.published[-1]
    assert (reminder.type, reminder.sign_up_id, reminder.starts_at) == (
        "matching.gathering_reminder_due", holder.id, SOON.isoformat())
    assert gatherings.send_reminders(uow, day_before + timedelta(weeks=1)) == 1
    assert waiting.status == "waitlisted"
