"""Gatherings and sign-ups on SQLite and PostgreSQL, schemas built by the migrations: 20 people
signing up at once never take more seats than there are (a conditional UPDATE decides)."""
import threading
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from services.common.actor import Actor
from services.common.errors import Conflict
from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.matching.adapters.tables import MESSAGING
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app import gatherings
from services.matching.app.event_handlers import EVENT_HANDLERS
from services.matching.app.gatherings import CreateGathering, SignUpFor
from services.matching.contract.events import PUBLISHED
from services.matching.domain.gatherings import ALREADY_SIGNED_UP, Outcome
from services.matching.domain.need import KnownOrganisation

ORG = str(uuid.uuid4())
GROUP = Actor("organisation", ORG)
START = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=5)


@pytest.fixture
def make_uow(database_url):
    upgrade("matching", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    with SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING) as uow:
        uow.organisations.save(KnownOrganisation(ORG, "kuga", ["welfare"], "verified", "npo"))
        uow.commit()
    yield lambda: SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING)
    engine.dispose()


def create(make_uow, capacity, **overrides):
    return gatherings.create_gathering(make_uow(), GROUP, CreateGathering(**{
        "gathering_id": str(uuid.uuid4()), "title": "地域の交流会", "kind": "exchange_meeting",
        "starts_at": START, "ends_at": START + timedelta(hours=2), "capacity": capacity,
        "online_url": "https://meet.example.jp/koryu", **overrides})).gathering


def test_a_room_gathering_round_trips_and_settles_on_registrys_booking_event(make_uow):
    booking = str(uuid.uuid4())
    gathering = create(make_uow, 10, online_url=None, booking_ids=[booking],
                       weekly_until=START.date(), target_regions=["yu"])
    assert gathering.status == "waiting_for_room"
    facts = {"booking_id": booking, "room_id": str(uuid.uuid4()), "organisation_id": ORG,
             "starts_at": START - timedelta(minutes=30), "ends_at": START + timedelta(hours=3),
             "status": "confirmed"}
    with make_uow() as uow:
        EVENT_HANDLERS["registry.booking_confirmed"](uow, str(uuid.uuid4()), facts)
        uow.commit()
    with make_uow() as uow:
        stored = uow.gatherings.get(gathering.id)
        assert uow.gatherings.using_booking(booking).id == gathering.id
    assert (stored.status, stored.region, stored.occurrences) == ("scheduled", "yu", gathering.occurrences)
    with pytest.raises(Exception):
        create(make_uow, 10, online_url=None, booking_ids=[booking])


def test_the_waitlist_outcome_and_the_outbox_on_the_real_tables(make_uow):
    gathering = create(make_uow, 1)
    a, b = Actor("citizen", str(uuid.uuid4())), Actor("citizen", str(uuid.uuid4()))
    first = gatherings.sign_up(make_uow(), a, SignUpFor(str(uuid.uuid4()), gathering.id))
    second = gatherings.sign_up(make_uow(), b, SignUpFor(str(uuid.uuid4()), gathering.id))
    gatherings.cancel_sign_up(make_uow(), a, first.id)
    assert gatherings.expire_offers(make_uow(), datetime.now(timezone.utc) + timedelta(days=3)) == 1
    assert gatherings.list_sign_ups(make_uow(), GROUP, gathering.id)[1].status == "expired"
    third = gatherings.sign_up(make_uow(), a, SignUpFor(str(uuid.uuid4()), gathering.id))
    assert third.status == "confirmed" and third.first_timer is False and second.first_timer is True
    assert gatherings.send_reminders(make_uow(), START - timedelta(hours=12)) == 1
    later = START + timedelta(hours=1)
    gatherings.record_attendance(make_uow(), GROUP, gathering.id, [third.id], later)
    gatherings.record_outcome(make_uow(), GROUP, gathering.id, Outcome("記録", ["見守り"], []), later)
    with make_uow() as uow:
        stored = uow.gatherings.get(gathering.id)
        types = list(uow.session.execute(select(MESSAGING.outbox.c.type)).scalars())
    assert stored.seats_taken == 1 and stored.outcome.ideas == ["見守り"] and stored.attendance_recorded
    assert {"matching.gathering_place_offered", "matching.gathering_offer_expired",
            "matching.gathering_reminder_due", "matching.gathering_attendance_recorded",
            "matching.gathering_outcome_recorded"} <= set(types)


@pytest.mark.parametrize("capacity, people", [(7, 20)])
def test_twenty_concurrent_sign_ups_never_exceed_capacity(make_uow, capacity, people):
    gathering = create(make_uow, capacity)
    start, statuses, errors = threading.Barrier(people), [], []

    def sign_up():
        try:
            start.wait()
            statuses.append(gatherings.sign_up(make_uow(), Actor("citizen", str(uuid.uuid4())),
                                               SignUpFor(str(uuid.uuid4()), gathering.id)).status)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=sign_up) for _ in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert statuses.count("confirmed") == capacity and statuses.count("waitlisted") == people - capacity
    with make_uow() as uow:
        assert uow.gatherings.get(gathering.id).seats_taken == capacity
        held = [s for s in uow.sign_ups.for_gathering(gathering.id) if s.status == "confirmed"]
    assert len(held) == capacity


def test_one_person_clicking_twice_at_once_holds_one_sign_up(make_uow):
    gathering = create(make_uow, 5)
    person = Actor("citizen", str(uuid.uuid4()))
    start, outcomes = threading.Barrier(2), []

    def sign_up():
        start.wait()
        try:
            outcomes.append(gatherings.sign_up(make_uow(), person, SignUpFor(str(uuid.uuid4()), gathering.id)).status)
        except Conflict as refused:
            outcomes.append(refused.message)

    threads = [threading.Thread(target=sign_up) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == sorted(["confirmed", ALREADY_SIGNED_UP])
    with make_uow() as uow:
        assert [s.status for s in uow.sign_ups.for_gathering(gathering.id)] == ["confirmed"]
        assert uow.gatherings.get(gathering.id).seats_taken == 1
