"""Calendar feeds, a room lost after scheduling, and the organiser's changes, on SQLite and
PostgreSQL with the schema the migrations build: rotation is stored and revokes the old URL;
losing the room or cancelling ends every sign-up and frees its seats in the same transaction;
capacity never drops below the seats taken (a conditional UPDATE decides)."""
import json
import uuid
from datetime import timedelta, timezone

import pytest
from sqlalchemy import select

from services.common.actor import Actor
from services.common.errors import Conflict, NotFound
from services.matching.adapters.tables import MESSAGING
from services.matching.app import calendar_feeds, gathering_changes, gatherings
from services.matching.app.gathering_changes import UpdateGathering
from services.matching.app.ports import GatheringFilter
from services.matching.app.event_handlers import EVENT_HANDLERS
from services.matching.app.gatherings import SignUpFor
from tests.adapters.test_matching_gatherings import GROUP, ORG, START, create, make_uow  # noqa: F401 (fixture)

KEY = b"adapter test feed key"


def test_feed_versions_are_stored_and_rotation_revokes_the_old_url(make_uow):
    person = Actor("citizen", str(uuid.uuid4()))
    gathering = create(make_uow, 5)
    gatherings.sign_up(make_uow(), person, SignUpFor(str(uuid.uuid4()), gathering.id))
    first = calendar_feeds.calendar_feed(make_uow(), person, KEY)
    assert [v.gathering.id for v, _ in calendar_feeds.feed_entries(make_uow(), first.token, KEY)] == [gathering.id]
    second = calendar_feeds.rotate_calendar_feed(make_uow(), person, KEY)
    third = calendar_feeds.rotate_calendar_feed(make_uow(), person, KEY)
    assert (first.version, second.version, third.version) == (0, 1, 2)
    for revoked in (first.token, second.token):
        with pytest.raises(NotFound):
            calendar_feeds.feed_entries(make_uow(), revoked, KEY)
    assert len(calendar_feeds.feed_entries(make_uow(), third.token, KEY)) == 1


def test_losing_the_room_ends_sign_ups_frees_seats_and_writes_the_reasons_to_the_outbox(make_uow):
    booking = str(uuid.uuid4())
    facts = {"booking_id": booking, "room_id": str(uuid.uuid4()), "organisation_id": ORG,
             "starts_at": START, "ends_at": START + timedelta(hours=2), "status": "confirmed"}
    with make_uow() as uow:
        EVENT_HANDLERS["registry.booking_confirmed"](uow, str(uuid.uuid4()), facts)
        uow.commit()
    gathering = create(make_uow, 1, online_url=None, booking_ids=[booking])
    people = [Actor("citizen", str(uuid.uuid4())) for _ in range(2)]
    signed = [gatherings.sign_up(make_uow(), p, SignUpFor(str(uuid.uuid4()), gathering.id)) for p in people]
    with make_uow() as uow:
        EVENT_HANDLERS["registry.booking_cancelled"](uow, str(uuid.uuid4()), {**facts, "status": "cancelled"})
        uow.commit()
    with make_uow() as uow:
        stored = uow.gatherings.get(gathering.id)
        assert (stored.status, stored.seats_taken) == ("refused", 0)
        assert [uow.sign_ups.get(s.id).status for s in signed] == ["cancelled", "cancelled"]
        envelopes = uow.session.execute(select(MESSAGING.outbox.c.envelope).where(
            MESSAGING.outbox.c.type == "matching.gathering_sign_up_cancelled")).scalars().all()
    outbox = [json.loads(envelope)["payload"] for envelope in envelopes]
    assert sorted(p["previous_status"] for p in outbox) == ["confirmed", "waitlisted"]
    assert all("cancelled" in p["reason"] for p in outbox)


def test_resizing_and_cancelling_on_the_real_tables(make_uow):
    gathering = create(make_uow, 2)
    people = [Actor("citizen", str(uuid.uuid4())) for _ in range(3)]
    signed = [gatherings.sign_up(make_uow(), p, SignUpFor(str(uuid.uuid4()), gathering.id)) for p in people]
    with pytest.raises(Conflict):
        gathering_changes.update_gathering(make_uow(), GROUP, UpdateGathering(gathering.id, capacity=1))
    resized = gathering_changes.update_gathering(make_uow(), GROUP, UpdateGathering(gathering.id, capacity=3,
                                                                                   title="拡大版 交流会"))
    assert (resized.gathering.capacity, resized.gathering.seats_taken, resized.gathering.title) == (3, 3, "拡大版 交流会")
    assert gatherings.list_sign_ups(make_uow(), GROUP, gathering.id)[2].status == "offered"
    cancelled = gathering_changes.cancel_gathering(make_uow(), GROUP, gathering.id, "講師の急病のため")
    assert (cancelled.gathering.status, cancelled.gathering.seats_taken) == ("cancelled", 0)
    with make_uow() as uow:
        assert {uow.sign_ups.get(s.id).status for s in signed} == {"cancelled"}
        types = list(uow.session.execute(select(MESSAGING.outbox.c.type)).scalars())
    assert {"matching.gathering_updated", "matching.gathering_cancelled"} <= set(types)


def test_times_given_in_japan_time_keep_their_instant_in_the_store(make_uow):
    """SQLite drops a datetime's zone: a +09:00 sign-up close once came back nine hours late."""
    jst = timezone(timedelta(hours=9))
    start = START.astimezone(jst)
    gathering = create(make_uow, 3, starts_at=start, ends_at=start + timedelta(hours=2),
                       signup_closes=start - timedelta(hours=1))
    with make_uow() as uow:
        stored = uow.gatherings.get(gathering.id)
        listed = uow.gatherings.list(GatheringFilter(starting_after=start - timedelta(minutes=1)))
        running = uow.gatherings.running_between(START - timedelta(minutes=1), START)
    assert stored.signup_closes == START - timedelta(hours=1) and stored.starts_at == START
    assert gathering.id in [g.id for g in listed] and gathering.id in [g.id for g in running]
    resized = gathering_changes.update_gathering(make_uow(), GROUP, UpdateGathering(gathering.id, capacity=4))
    assert resized.gathering.capacity == 4
