"""Planning a gathering and hearing registry's news of its room booking, at the same time, on
SQLite and PostgreSQL built by the migrations. The planner reads the bookings matching knows; the
booking handler writes the booking and reads the gathering using it. Under READ COMMITTED each
could read before the other committed and neither see the other: the booking confirmed, the
gathering left waiting for its room forever (a flaky e2e once).

Each test forces that interleaving: one side pauses right after its read while the other runs,
until the other has finished or is waiting for a lock (PostgreSQL says which; on SQLite a writer
waits in its busy handler, so the pause lasts a fixed time); then both finish and the gathering
must be scheduled."""
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.event_handling import apply_batch
from services.common.migrations import upgrade
from services.matching.adapters.tables import MESSAGING
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app import gatherings
from services.matching.app.event_handlers import EVENT_HANDLERS
from services.matching.app.gatherings import CreateGathering
from services.matching.contract.events import PUBLISHED
from services.matching.domain.need import KnownOrganisation

ORG, ROOM = str(uuid.uuid4()), str(uuid.uuid4())
START = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=5)
# How long the paused side waits for the other to finish on SQLite, where a blocked writer
# cannot be seen: long enough for the other side to finish when nothing blocks it.
SQLITE_WINDOW_S = 1.5


class PausingUnitOfWork(SqlMatchingUnitOfWork):
    """Pauses right after one repository read (`repository.method`) until released."""

    def __init__(self, session_factory, read: str, pause):
        super().__init__(session_factory, "matching", PUBLISHED, MESSAGING)
        self._read, self._pause = read.split("."), pause

    def attach_repositories(self, session):
        super().attach_repositories(session)
        repository_name, method = self._read
        repository = getattr(self, repository_name)
        original = getattr(repository, method)

        def read_then_pause(*args, **kwargs):
            found = original(*args, **kwargs)
            self._pause()
            return found
        setattr(repository, method, read_then_pause)


class Interleaving:
    """The first side reads and pauses; the second runs until done or blocked; the first goes on."""

    def __init__(self, database_url: str):
        self._database_url = database_url
        self.read_done, self.release = threading.Event(), threading.Event()
        self.errors: list[Exception] = []

    def pause(self) -> None:
        self.read_done.set()
        assert self.release.wait(30), "never released"

    def run(self, first, second) -> list[Exception]:
        """What the two sides raised; both must have finished."""
        threads = [threading.Thread(target=self._guarded, args=(first,)),
                   threading.Thread(target=self._guarded, args=(second,))]
        threads[0].start()
        assert self.read_done.wait(30), "the first side never reached its read"
        threads[1].start()
        self._wait_until_done_or_blocked(threads[1])
        self.release.set()
        for thread in threads:
            thread.join(30)
        assert not any(thread.is_alive() for thread in threads), "a side never finished"
        return self.errors

    def _guarded(self, work) -> None:
        try:
            work()
        except Exception as exc:  # returned by run()
            self.errors.append(exc)

    def _wait_until_done_or_blocked(self, thread: threading.Thread) -> None:
        if not self._database_url.startswith("postgresql"):
            thread.join(SQLITE_WINDOW_S)
            return
        monitor = create_engine(self._database_url)
        try:
            deadline = time.monotonic() + 10
            while thread.is_alive() and time.monotonic() < deadline:
                with monitor.connect() as connection:
                    if connection.execute(text(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND wait_event_type = 'Lock'")).scalar():
                        return
                thread.join(0.02)
        finally:
            monitor.dispose()


def unit_of_work(session_factory) -> SqlMatchingUnitOfWork:
    return SqlMatchingUnitOfWork(session_factory, "matching", PUBLISHED, MESSAGING)


@pytest.fixture
def session_factory(database_url):
    upgrade("matching", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as uow:
        uow.organisations.save(KnownOrganisation(ORG, "kuga", ["welfare"], "verified", "npo"))
        uow.commit()
    yield factory
    engine.dispose()


def plan(uow, gathering_id: str, booking_id: str) -> None:
    gatherings.create_gathering(uow, Actor("organisation", ORG), CreateGathering(
        gathering_id=gathering_id, title="防災講座", kind="course", starts_at=START,
        ends_at=START + timedelta(hours=2), capacity=20, booking_ids=[booking_id]))


def hear_booking(uow, booking_id: str, status: str) -> None:
    """Registry's event, applied as matching's consumer applies a batch."""
    payload = {"booking_id": booking_id, "room_id": ROOM, "organisation_id": ORG,
               "starts_at": START - timedelta(minutes=30), "ends_at": START + timedelta(hours=3),
               "status": status}
    apply_batch(uow, [({"id": str(uuid.uuid4()), "type": f"registry.booking_{status}"}, payload)],
                EVENT_HANDLERS)


def confirm(uow, gathering_id: str, booking_id: str) -> None:
    hear_booking(uow, booking_id, "confirmed")


# Each side and the read after which it pauses: the one that decides what it does.
SIDES = {"planner": (plan, "bookings.get_many"), "booking handler": (confirm, "gatherings.using_booking")}


@pytest.mark.parametrize("heard_before", [None, "requested"])
@pytest.mark.parametrize("reads_first", SIDES)
def test_a_booking_confirmed_while_its_gathering_is_planned_schedules_it(
        session_factory, database_url, reads_first, heard_before):
    booking_id, gathering_id = str(uuid.uuid4()), str(uuid.uuid4())
    if heard_before:
        hear_booking(unit_of_work(session_factory), booking_id, heard_before)
    other = next(name for name in SIDES if name != reads_first)
    (first, pause_after), (second, _) = SIDES[reads_first], SIDES[other]
    race = Interleaving(database_url)
    assert race.run(
        lambda: first(PausingUnitOfWork(session_factory, pause_after, race.pause), gathering_id, booking_id),
        lambda: second(unit_of_work(session_factory), gathering_id, booking_id)) == []
    with unit_of_work(session_factory) as uow:
        assert uow.gatherings.get(gathering_id).status == "scheduled"
        assert uow.bookings.get_many([booking_id])[booking_id].status == "confirmed"


def test_a_weekly_gathering_planned_while_a_batch_confirms_its_bookings_in_the_other_order_never_hangs(
        session_factory, database_url):
    """The planner locks its bookings in one order; a batch of registry's events writes them in
    the order they came, holding each until it commits. On PostgreSQL the two can wait for each
    other: the database breaks that within deadlock_timeout (1 s) by failing one side, which
    changed nothing and goes again (the consumer applies a failed batch's events one by one; the
    gateway answers the planner 503 and it retries). SQLite runs one writer at a time."""
    first_week, second_week = sorted([str(uuid.uuid4()), str(uuid.uuid4())])
    gathering_id, events = str(uuid.uuid4()), []
    for booking_id, starts_at in ((second_week, START + timedelta(days=7)), (first_week, START)):
        events.append(({"id": str(uuid.uuid4()), "type": "registry.booking_confirmed"}, {
            "booking_id": booking_id, "room_id": ROOM, "organisation_id": ORG, "status": "confirmed",
            "starts_at": starts_at - timedelta(minutes=30), "ends_at": starts_at + timedelta(hours=3)}))

    def plan_weekly(uow):
        gatherings.create_gathering(uow, Actor("organisation", ORG), CreateGathering(
            gathering_id=gathering_id, title="防災講座", kind="course", starts_at=START,
            ends_at=START + timedelta(hours=2), weekly_until=(START + timedelta(days=7)).date(),
            capacity=20, booking_ids=[first_week, second_week]))

    race = Interleaving(database_url)
    # The batch pauses after its first event, holding the second week's booking.
    failed = race.run(lambda: apply_batch(PausingUnitOfWork(session_factory, "gatherings.using_booking",
                                                            race.pause), events, EVENT_HANDLERS),
                      lambda: plan_weekly(unit_of_work(session_factory)))
    assert all("deadlock detected" in str(error) for error in failed) and len(failed) <= 1
    for envelope_and_payload in events:  # what the consumer does after a failed batch
        apply_batch(unit_of_work(session_factory), [envelope_and_payload], EVENT_HANDLERS)
    plan_weekly(unit_of_work(session_factory))  # the planner's retry (the same gathering id)
    with unit_of_work(session_factory) as uow:
        assert uow.gatherings.get(gathering_id).status == "scheduled"
