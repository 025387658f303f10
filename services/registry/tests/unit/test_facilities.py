"""Facilities, managing bodies and room bookings on fakes: who may do what, overlap, free slots."""
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from services.registry.app import facilities, organisations
from services.registry.app.facilities import (BookingDecision, BookingFilter, DesignateManager,
                                              FacilityFilter, RegisterFacility, RequestBooking)
from services.registry.app.organisations import RegisterOrganisation
from services.registry.tests.fakes import CITY, MemoryRegistryUnitOfWork

OPERATOR = Actor("operator", key_id="op")
JST = ZoneInfo("Asia/Tokyo")
DAY = date.today() + timedelta(days=30)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute, tzinfo=JST)


def new_organisation(uow, name):
    return organisations.register_organisation(uow, OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name=name, name_kana="テスト", kind="citizen_group",
        region="yu", fields=["welfare"]), CITY)


@pytest.fixture
def world():
    uow = MemoryRegistryUnitOfWork()
    manager = new_organisation(uow, "由宇まちづくり協議会")
    booker = new_organisation(uow, "由宇ヨガの会")
    other = new_organisation(uow, "由宇囲碁クラブ")
    facility = facilities.register_facility(uow, OPERATOR, RegisterFacility(
        facility_id=str(uuid.uuid4()), name="由宇地域交流センター", name_kana="ゆうちいきこうりゅうせんたー",
        region="yu", town="由宇町神東", address="岩国市由宇町神東1-1",
        rooms=[{"name": "和室", "capacity": 20, "equipment": ["座卓"]},
               {"name": "多目的ホール", "capacity": 100}],
        accessibility=["スロープあり"], opening_hours={"open": "09:00", "close": "21:00"},
        managing_organisation_id=manager.id, designated_from=date(2024, 4, 1),
        designated_to=date(2029, 3, 31)), CITY)
    return {"uow": uow, "facility": facility, "room": facility.rooms[0],
            "manager": Actor("organisation", manager.id, "km"),
            "booker": Actor("organisation", booker.id, "kb"),
            "other": Actor("organisation", other.id, "ko")}


def book(world, start, end, actor=None, attendees=10):
    return facilities.request_booking(world["uow"], actor or world["booker"], RequestBooking(
        booking_id=str(uuid.uuid4()), room_id=world["room"].id, starts_at=start, ends_at=end,
        attendees=attendees, purpose="ヨガ教室"), CITY)


def test_a_facility_registers_with_rooms_and_its_managing_body(world):
    facility, uow = world["facility"], world["uow"]
    assert [r.name for r in facility.rooms] == ["和室", "多目的ホール"]
    assert facility.managing_organisation_id == world["manager"].subject_id
    types = [e.type for e in uow.published]
    assert types[-2:] == ["registry.facility_registered", "registry.facility_manager_designated"]
    found = facilities.list_facilities(uow, FacilityFilter(q="こうりゅう")).items
    assert [f.id for f in found] == [facility.id]
    assert facilities.list_facilities(uow, FacilityFilter(q="ｺｳﾘｭｳ ｾﾝﾀｰ")).items
    assert facilities.list_facilities(uow, FacilityFilter(region="miwa")).items == []


def test_only_operators_register_and_designate(world):
    with pytest.raises(Forbidden):
        facilities.designate_manager(world["uow"], world["manager"], DesignateManager(
            world["facility"].id, world["booker"].subject_id, date(2025, 4, 1)))
    with pytest.raises(ValidationFailed):
        facilities.designate_manager(world["uow"], OPERATOR, DesignateManager(
            world["facility"].id, str(uuid.uuid4()), date(2025, 4, 1)))
    changed = facilities.designate_manager(world["uow"], OPERATOR, DesignateManager(
        world["facility"].id, world["booker"].subject_id, date(2025, 4, 1), date(2030, 3, 31)))
    assert changed.managing_organisation_id == world["booker"].subject_id


def test_request_confirm_and_the_overlap_is_refused(world):
    first = book(world, at(10), at(12))
    second = book(world, at(11), at(13), actor=world["other"])
    assert (first.status, second.status) == ("requested", "requested")
    confirmed = facilities.confirm_booking(world["uow"], world["manager"], BookingDecision(first.id))
    assert confirmed.status == "confirmed"
    with pytest.raises(Conflict):
        facilities.confirm_booking(world["uow"], OPERATOR, BookingDecision(second.id))
    adjacent = book(world, at(12), at(14), actor=world["other"])
    assert facilities.confirm_booking(world["uow"], OPERATOR,
                                      BookingDecision(adjacent.id)).status == "confirmed"
    types = [e.type for e in world["uow"].published if e.type.startswith("registry.booking")]
    assert types.count("registry.booking_confirmed") == 2
    assert all("ヨガ" not in str(e.payload()) for e in world["uow"].published)


def test_only_the_manager_or_an_operator_decides(world):
    booking = book(world, at(10), at(12))
    for actor in (world["booker"], world["other"]):
        with pytest.raises((Forbidden, NotFound)):
            facilities.confirm_booking(world["uow"], actor, BookingDecision(booking.id))
    declined = facilities.decline_booking(world["uow"], world["manager"],
                                          BookingDecision(booking.id, "設備点検のため"))
    assert declined.status == "declined" and declined.reason == "設備点検のため"
    with pytest.raises(Conflict):
        facilities.confirm_booking(world["uow"], OPERATOR, BookingDecision(booking.id))


def test_the_booker_cancels_and_the_slot_is_free_again(world):
    booking = book(world, at(10), at(12))
    facilities.confirm_booking(world["uow"], OPERATOR, BookingDecision(booking.id))
    slots = facilities.free_slots(world["uow"], world["room"].id, DAY, CITY).free
    assert [(s.starts_at.hour, s.ends_at.hour) for s in slots] == [(9, 10), (12, 21)]
    with pytest.raises(NotFound):  # another organisation does not even see it
        facilities.cancel_booking(world["uow"], world["other"], BookingDecision(booking.id))
    assert facilities.cancel_booking(world["uow"], world["booker"],
                                     BookingDecision(booking.id)).status == "cancelled"
    slots = facilities.free_slots(world["uow"], world["room"].id, DAY, CITY).free
    assert [(s.starts_at.hour, s.ends_at.hour) for s in slots] == [(9, 21)]


@pytest.mark.parametrize("start, end, attendees, field", [
    (at(8), at(10), 5, "starts_at"),  # before opening
    (at(20), at(22), 5, "starts_at"),  # after closing
    (at(12), at(11), 5, "ends_at"),
    (at(10, 15), at(11), 5, "ends_at"),  # not on the half hour
    (at(10), at(11), 21, "attendees"),  # over capacity
])
def test_invalid_requests_name_the_field(world, start, end, attendees, field):
    with pytest.raises(ValidationFailed) as error:
        book(world, start, end, attendees=attendees)
    assert field in error.value.fields


def test_organisations_book_for_themselves_citizens_not_at_all(world):
    with pytest.raises(Forbidden):
        facilities.request_booking(world["uow"], world["booker"], RequestBooking(
            booking_id=str(uuid.uuid4()), room_id=world["room"].id, starts_at=at(10),
            ends_at=at(11), attendees=2, organisation_id=world["other"].subject_id), CITY)
    with pytest.raises(Forbidden):
        book(world, at(10), at(11), actor=Actor("citizen", "c", "kc"))


def test_booking_lists_are_scoped(world):
    mine = book(world, at(10), at(11))
    theirs = book(world, at(11), at(12), actor=world["other"])
    def ids(actor, **filters):
        return {b.id for b in facilities.list_bookings(world["uow"], actor,
                                                       BookingFilter(**filters)).items}
    assert ids(world["booker"]) == {mine.id}
    assert ids(world["manager"], facility_id=world["facility"].id) == {mine.id, theirs.id}
    assert ids(OPERATOR) == {mine.id, theirs.id}
    with pytest.raises(Forbidden):
        ids(world["booker"], organisation_id=world["other"].subject_id)


def test_bookings_are_listed_for_a_window_they_overlap(world):
    early = book(world, at(9), at(10, 30))
    late = book(world, at(13), at(14))
    def ids(**window):
        return [b.id for b in facilities.list_bookings(world["uow"], OPERATOR,
                                                       BookingFilter(**window)).items]
    assert ids(ends_after=at(10), starts_before=at(13)) == [early.id]  # the end is exclusive
    assert ids(ends_after=at(10, 30)) == [late.id]  # ending at the window's start is outside
    assert ids(starts_before=at(13, 30)) == [early.id, late.id]
    assert ids(ends_after=at(14)) == []
