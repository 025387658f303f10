"""The organiser changes or cancels a gathering before it starts: capacity never below the seats
taken, more seats go to the waitlist in order, participants hear of changes to what they signed up
for, and cancelling ends every sign-up with the organiser's reason."""
import uuid
from datetime import timedelta

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, ValidationFailed
from services.matching.app import gathering_changes, gatherings
from services.matching.app.gathering_changes import UpdateGathering
from services.matching.domain.gatherings import Outcome
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.unit.test_gatherings import GROUP, SOON, citizen, create, join, known_organisation


@pytest.fixture
def uow():
    memory = MemoryMatchingUnitOfWork()
    known_organisation(memory)
    return memory


def update(uow, gathering, actor=GROUP, **changes):
    return gathering_changes.update_gathering(uow, actor, UpdateGathering(gathering.id, **changes)).gathering


def published(uow, event_type):
    return [e for e in uow.published if e.type == event_type]


def test_capacity_never_goes_below_the_seats_taken_and_a_refused_change_changes_nothing(uow):
    gathering = create(uow, capacity=3)
    join(uow, citizen(), gathering)
    join(uow, citizen(), gathering)
    with pytest.raises(Conflict):
        update(uow, gathering, capacity=1, title="新しい件名")
    stored = uow.gatherings.get(gathering.id)
    assert (stored.capacity, stored.title) == (3, "防災 ワークショップ")
    assert update(uow, gathering, capacity=2).capacity == 2


def test_more_seats_are_offered_to_the_waitlist_in_order(uow):
    gathering = create(uow, capacity=1)
    join(uow, citizen(), gathering)
    first, second = join(uow, citizen(), gathering), join(uow, citizen(), gathering)
    resized = update(uow, gathering, capacity=2)
    assert resized.seats_taken == 2
    assert (uow.sign_ups.get(first.id).status, uow.sign_ups.get(second.id).status) == ("offered", "waitlisted")
    [event] = published(uow, "matching.gathering_updated")
    assert event.changed == ["capacity"] and event.capacity == 2 and event.participants == []


def test_participants_hear_of_a_new_title_and_an_unchanged_value_is_no_change(uow):
    gathering = create(uow)
    holder = citizen()
    join(uow, holder, gathering)
    update(uow, gathering, title="  防災   ワークショップ  ")  # the same title, spaced differently
    assert published(uow, "matching.gathering_updated") == []
    update(uow, gathering, title="防災ワークショップ（会場変更なし）", description="持ち物：筆記用具")
    [event] = published(uow, "matching.gathering_updated")
    assert event.changed == ["title", "description"] and event.participants == [f"citizen:{holder.subject_id}"]


def test_the_sign_up_window_must_still_close_by_the_start(uow):
    gathering = create(uow)
    with pytest.raises(ValidationFailed):
        update(uow, gathering, signup_closes=SOON + timedelta(hours=1))
    with pytest.raises(ValidationFailed):
        update(uow, gathering, signup_opens=SOON - timedelta(hours=1), signup_closes=SOON - timedelta(hours=2))
    assert update(uow, gathering, signup_closes=SOON - timedelta(days=1)).signup_closes == SOON - timedelta(days=1)


def test_only_the_organiser_changes_and_something_must_change(uow):
    gathering = create(uow)
    with pytest.raises(Forbidden):
        update(uow, gathering, actor=Actor("organisation", str(uuid.uuid4())), title="乗っ取り")
    with pytest.raises(ValidationFailed):
        update(uow, gathering)


def test_cancelling_ends_every_sign_up_with_the_reason_and_no_more_changes_or_sign_ups(uow):
    gathering = create(uow, capacity=1)
    seated, waiting = join(uow, citizen(), gathering), join(uow, citizen(), gathering)
    view = gathering_changes.cancel_gathering(uow, GROUP, gathering.id, "台風接近のため")
    assert view.gathering.status == "cancelled" and view.gathering.seats_taken == 0
    assert {uow.sign_ups.get(s.id).status for s in (seated, waiting)} == {"cancelled"}
    ended = published(uow, "matching.gathering_sign_up_cancelled")
    assert len(ended) == 2 and all("台風接近のため" in e.reason for e in ended)
    [cancelled] = published(uow, "matching.gathering_cancelled")
    assert cancelled.reason == "台風接近のため"
    with pytest.raises(Conflict):
        update(uow, gathering, title="再開")
    with pytest.raises(Conflict):
        join(uow, citizen(), gathering)
    with pytest.raises(Conflict):
        gathering_changes.cancel_gathering(uow, GROUP, gathering.id, "二重")


def test_a_blank_reason_is_refused_and_changes_nothing(uow):
    gathering = create(uow)
    with pytest.raises(ValidationFailed):
        gathering_changes.cancel_gathering(uow, GROUP, gathering.id, "   ")
    assert uow.gatherings.get(gathering.id).status == "scheduled"


def test_a_cancelled_gathering_takes_no_attendance_or_outcome(uow):
    gathering = create(uow)
    held = join(uow, citizen(), gathering)
    gathering_changes.cancel_gathering(uow, GROUP, gathering.id, "台風接近のため")
    started = SOON + timedelta(hours=1)
    with pytest.raises(Conflict):
        gatherings.record_attendance(uow, GROUP, gathering.id, [held.id], started)
    with pytest.raises(Conflict):
        gatherings.record_outcome(uow, GROUP, gathering.id, Outcome("記録", [], []), started)
