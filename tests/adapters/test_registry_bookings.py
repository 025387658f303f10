"""Facilities and bookings on SQLite and PostgreSQL: the database itself refuses two confirmed
bookings of one room that overlap, also under concurrent confirmations."""
import threading
import uuid
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.errors import Conflict
from services.common.migrations import upgrade
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING, bookings
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app import facilities, organisations
from services.registry.app.facilities import (BookingDecision, FacilityFilter, RegisterFacility,
                                              RequestBooking)
from services.registry.app.organisations import RegisterOrganisation
from services.registry.domain.facility import Booking
from services.registry.contract.events import PUBLISHED

OPERATOR = Actor("operator", key_id="op")
CITY = configured_city()
JST = ZoneInfo("Asia/Tokyo")
DAY = date.today() + timedelta(days=30)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute, tzinfo=JST)


@pytest.fixture
def registry(database_url):
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    new_uow = lambda: SqlRegistryUnitOfWork(factory, "registry", PUBLISHED, MESSAGING)  # noqa: E731
    organisation = organisations.register_organisation(new_uow(), OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name="錦町ふれあいサロン", name_kana="ニシキチョウフレアイサロン",
        kind="citizen_group", region="nishiki", fields=["welfare"]), CITY)
    facility = facilities.register_facility(new_uow(), OPERATOR, RegisterFacility(
        facility_id=str(uuid.uuid4()), name="錦総合支所 多目的ホール", name_kana="ニシキソウゴウシショ",
        region="nishiki", town="錦町広瀬", address="岩国市錦町広瀬6827",
        rooms=[{"name": "ホール", "capacity": 80, "equipment": ["マイク"]}],
        opening_hours={"open": "09:00", "close": "21:00"},
        managing_organisation_id=organisation.id, designated_from=date(2024, 4, 1)), CITY)
    yield {"new_uow": new_uow, "factory": factory, "organisation": organisation,
           "facility": facility, "room": facility.rooms[0]}
    engine.dispose()


def request(registry, start, end) -> Booking:
    return facilities.request_booking(registry["new_uow"](), OPERATOR, RequestBooking(
        booking_id=str(uuid.uuid4()), room_id=registry["room"].id, starts_at=start, ends_at=end,
        attendees=10, organisation_id=registry["organisation"].id), CITY)


def confirmed_rows(registry) -> list:
    with registry["factory"]() as session:
        return session.execute(bookings.select().where(bookings.c.status == "confirmed")).all()


def test_the_database_refuses_an_overlap_the_code_never_checked(registry):
    """Write two overlapping confirmed rows straight through the repository: no Python check."""
    first, second = request(registry, at(10), at(12)), request(registry, at(11), at(13))
    uow = registry["new_uow"]()
    with uow:
        first.status = "confirmed"
        uow.bookings.save(first)
        uow.commit()
    with uow:
        second.status = "confirmed"
        with pytest.raises(Conflict):
            uow.bookings.save(second)
    with uow:
        touching = request(registry, at(12), at(13))
        touching.status = "confirmed"
        uow.bookings.save(touching)  # [10,12) and [12,13) do not overlap
        uow.commit()
    assert len(confirmed_rows(registry)) == 2


def test_twenty_concurrent_confirmations_of_overlapping_bookings_confirm_exactly_one(registry):
    requested = [request(registry, at(10, 0) + timedelta(minutes=30 * (i % 3)),
                         at(12, 0) + timedelta(minutes=30 * (i % 3))) for i in range(20)]
    barrier = threading.Barrier(len(requested))
    outcomes: list[str] = []

    def confirm(booking):
        barrier.wait()
        try:
            facilities.confirm_booking(registry["new_uow"](), OPERATOR, BookingDecision(booking.id))
            outcomes.append("confirmed")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=confirm, args=(b,)) for b in requested]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(set(outcomes)) == ["confirmed", "conflict"] and len(outcomes) == 20
    assert outcomes.count("confirmed") == 1  # every pair of these requests overlaps
    rows = confirmed_rows(registry)
    assert len(rows) == 1


def test_free_slots_and_facility_search_from_the_database(registry):
    booking = request(registry, at(13), at(15, 30))
    facilities.confirm_booking(registry["new_uow"](), OPERATOR, BookingDecision(booking.id))
    free = facilities.free_slots(registry["new_uow"](), registry["room"].id, DAY, CITY).free
    assert [(s.starts_at.strftime("%H:%M"), s.ends_at.strftime("%H:%M")) for s in free] == [
        ("09:00", "13:00"), ("15:30", "21:00")]
    stored = registry["new_uow"]()
    with stored:
        again = stored.bookings.get(booking.id)
    assert again.starts_at == at(13).astimezone(timezone.utc)
    for q in ("にしき", "ﾆｼｷ ｿｳｺﾞｳ", "広瀬", "ホール"):
        found = facilities.list_facilities(registry["new_uow"](), FacilityFilter(q=q)).items
        assert [f.id for f in found] == [registry["facility"].id], q
    assert facilities.get_facility(registry["new_uow"](), registry["facility"].id).rooms[0].equipment == ["マイク"]


def test_bookings_are_listed_for_a_window_in_the_database(registry):
    """A room calendar's week: bookings overlapping it, whatever their time zone."""
    from services.registry.app.facilities import BookingFilter
    early, late = request(registry, at(9), at(10, 30)), request(registry, at(13), at(14))

    def ids(**window) -> list[str]:
        return [b.id for b in facilities.list_bookings(registry["new_uow"](), OPERATOR, BookingFilter(
            room_id=registry["room"].id, **window)).items]
    assert ids(ends_after=at(10), starts_before=at(13)) == [early.id]
    assert ids(ends_after=at(10, 30).astimezone(timezone.utc)) == [late.id]
    assert ids(starts_before=at(13, 30)) == [early.id, late.id]
    assert ids(ends_after=at(14)) == []
