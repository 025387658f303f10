"""A scheduled gathering whose room registry declines or cancels: it is refused, and every active
sign-up ends with the reason (so notifications tells each participant), freeing its seats,
without moving anyone up from the waitlist into a gathering that will not happen."""
import uuid

import pytest

from services.common.actor import Actor
from services.matching.app import gatherings
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.unit.test_gatherings import booking_event, citizen, create, join, known_organisation


@pytest.fixture
def uow():
    memory = MemoryMatchingUnitOfWork()
    known_organisation(memory)
    return memory


def citizen_of(sign_up):
    return Actor("citizen", sign_up.participant.split(":", 1)[1])


def room_gathering(uow, capacity=1):
    booking = str(uuid.uuid4())
    booking_event(uow, "confirmed", booking)
    gathering = create(uow, online_url=None, booking_ids=[booking], capacity=capacity)
    assert gathering.status == "scheduled"
    return gathering, booking


@pytest.mark.parametrize("change", ["cancelled", "declined"])
def test_losing_the_room_ends_every_active_sign_up_with_the_reason(uow, change):
    gathering, booking = room_gathering(uow)
    seated, waiting = join(uow, citizen(), gathering), join(uow, citizen(), gathering)
    assert (seated.status, waiting.status) == ("confirmed", "waitlisted")
    uow.published.clear()
    booking_event(uow, change, booking)
    stored = uow.gatherings.get(gathering.id)
    assert stored.status == "refused" and stored.seats_taken == 0
    assert {uow.sign_ups.get(s.id).status for s in (seated, waiting)} == {"cancelled"}
    ended = [e for e in uow.published if e.type == "matching.gathering_sign_up_cancelled"]
    assert sorted(e.previous_status for e in ended) == ["confirmed", "waitlisted"]
    assert all(change in e.reason for e in ended)
    assert not [e for e in uow.published if e.type == "matching.gathering_place_offered"]


def test_a_second_word_of_the_loss_changes_nothing_and_ended_sign_ups_stay_ended(uow):
    gathering, booking = room_gathering(uow)
    already_cancelled = join(uow, citizen(), gathering)
    gatherings.cancel_sign_up(uow, citizen_of(already_cancelled), already_cancelled.id)
    booking_event(uow, "cancelled", booking)
    uow.published.clear()
    booking_event(uow, "declined", booking)
    assert not [e for e in uow.published if e.type.startswith("matching.gathering")]
    assert uow.sign_ups.get(already_cancelled.id).status == "cancelled"
