"""Registry use cases for facilities (拠点施設), their managing body and room bookings.

Who may do what: operators register facilities and designate the managing body (指定管理者);
everyone reads facilities and free slots; an organisation's key books rooms for itself (an
operator for any organisation); the managing organisation's key or an operator confirms or
declines; the booking organisation, the manager or an operator cancels. Bookings are seen by
operators, the booking organisation and the facility's manager.
"""
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from services.common.actor import Actor
from services.common.errors import INVALID_INPUT, Forbidden, NotFound, ValidationFailed
from services.common.pagination import Page, page_of
from services.registry.app.ports import RegistryUnitOfWork
from services.registry.domain import facility as facilities
from services.registry.domain.city_profile import CityProfile
from services.registry.domain.facility import Booking, Facility
from services.registry.domain.directory import ordering_for, search_key
from services.registry.domain.japanese_text import normalise_for_search, search_terms


@dataclass(frozen=True)
class RegisterFacility:
    facility_id: str
    name: str
    name_kana: str
    region: str
    address: str
    rooms: list[dict]  # name, capacity, equipment
    town: str = ""
    accessibility: list[str] = field(default_factory=list)
    opening_hours: dict = field(default_factory=dict)
    managing_organisation_id: str | None = None
    designated_from: date | None = None
    designated_to: date | None = None


@dataclass(frozen=True)
class DesignateManager:
    facility_id: str
    organisation_id: str
    designated_from: date
    designated_to: date | None = None


@dataclass(frozen=True)
class FacilityFilter:
    q: str | None = None
    region: str | None = None
    after: list | None = None
    limit: int = 50

    @property
    def terms(self) -> list[str]:
        return search_terms(self.q or "")


@dataclass(frozen=True)
class RequestBooking:
    booking_id: str
    room_id: str
    starts_at: datetime
    ends_at: datetime
    attendees: int
    purpose: str = ""
    organisation_id: str | None = None  # an organisation key books for itself


@dataclass(frozen=True)
class BookingDecision:
    booking_id: str
    reason: str = ""


@dataclass(frozen=True)
class BookingFilter:
    facility_id: str | None = None
    room_id: str | None = None
    organisation_id: str | None = None
    status: str | None = None
    # Overlapping a window (a calendar's week): ending after one time, starting before another.
    ends_after: datetime | None = None
    starts_before: datetime | None = None
    after: list | None = None
    limit: int = 50


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _require_operator(actor: Actor) -> None:
    if not actor.is_operator:
        raise Forbidden("運営者のみ可能です / operators only")


def register_facility(uow: RegistryUnitOfWork, actor: Actor, command: RegisterFacility,
                      city: CityProfile) -> Facility:
    _require_operator(actor)
    with uow:
        existing = uow.facilities.get(command.facility_id)
        if existing is not None:
            return existing
        rooms = [{**room, "id": str(uuid.uuid5(uuid.UUID(command.facility_id), str(index)))}
                 for index, room in enumerate(command.rooms)]
        facility = facilities.register_facility(
            facility_id=command.facility_id, name=command.name, name_kana=command.name_kana,
            region=command.region, town=command.town, address=command.address, rooms=rooms,
            accessibility=command.accessibility, opening_hours=command.opening_hours,
            now=_now(), city=city)
        if command.managing_organisation_id:
            _designate(uow, facility, command.managing_organisation_id,
                       command.designated_from or _now().date(), command.designated_to)
        uow.facilities.add(facility)
        uow.commit()
        return facility


def designate_manager(uow: RegistryUnitOfWork, actor: Actor, command: DesignateManager) -> Facility:
    _require_operator(actor)
    with uow:
        facility = _facility(uow, command.facility_id)
        _designate(uow, facility, command.organisation_id, command.designated_from,
                   command.designated_to)
        uow.facilities.save(facility)
        uow.commit()
        return facility


def _designate(uow: RegistryUnitOfWork, facility: Facility, organisation_id: str, start: date,
               end: date | None):
    organisation = uow.organisations.get(organisation_id)
    if organisation is None or organisation.status != "verified":
        raise ValidationFailed(INVALID_INPUT, {"organisation_id": [
            "審査済みの団体を指定してください / must be a verified organisation"]})
    facility.designate(organisation_id, start, end)


def get_facility(uow: RegistryUnitOfWork, facility_id: str) -> Facility:
    with uow:
        return _facility(uow, facility_id)


def list_facilities(uow: RegistryUnitOfWork, query: FacilityFilter) -> Page:
    with uow:
        found = uow.facilities.list(query)
    key = (lambda f: [f.registered_at.isoformat(), f.id]) if not query.terms else (
        lambda f: facilities_search_key(query.terms, f))
    return page_of(found, query.limit, key, ordering_for(query.terms))


def facilities_search_key(terms: list[str], facility: Facility) -> list:
    """Name and reading rank first; the town and address count as the description."""
    return search_key(terms, *facility_norms(facility), facility.name, facility.id)


def facility_norms(facility: Facility) -> tuple[str, str, str]:
    return (normalise_for_search(facility.name), normalise_for_search(facility.name_kana),
            normalise_for_search(f"{facility.town}{facility.address}"))


def request_booking(uow: RegistryUnitOfWork, actor: Actor, command: RequestBooking,
                    city: CityProfile) -> Booking:
    if actor.role == "organisation":
        if command.organisation_id not in (None, actor.subject_id):
            raise Forbidden("自団体の予約のみ可能です / you may book for your own organisation only")
        organisation_id = actor.subject_id
    elif actor.is_operator:
        if not command.organisation_id:
            raise ValidationFailed(INVALID_INPUT, {"organisation_id": [
                "予約する団体を指定してください / which organisation books"]})
        organisation_id = command.organisation_id
    else:
        raise Forbidden("予約は団体または運営者が行います / organisations and operators book rooms")
    with uow:
        existing = uow.bookings.get(command.booking_id)
        if existing is not None:
            return existing
        facility = uow.facilities.get_by_room(command.room_id)
        if facility is None:
            raise NotFound(f"部屋が見つかりません / room {command.room_id} not found")
        organisation = uow.organisations.get(organisation_id)
        if organisation is None or organisation.status != "verified":
            raise ValidationFailed(INVALID_INPUT, {"organisation_id": [
                "審査済みの団体のみ予約できます / only verified organisations book"]})
        booking = facilities.request_booking(
            booking_id=command.booking_id, facility=facility, room_id=command.room_id,
            organisation_id=organisation_id, starts_at=command.starts_at,
            ends_at=command.ends_at, attendees=command.attendees, purpose=command.purpose,
            requested_by=actor.recipient_id, now=_now(), zone=ZoneInfo(city.timezone))
        uow.bookings.add(booking)
        uow.commit()
        return booking


def confirm_booking(uow: RegistryUnitOfWork, actor: Actor, command: BookingDecision) -> Booking:
    def decide(booking, facility):
        confirmed = uow.bookings.confirmed_for_room(booking.room_id, booking.starts_at,
                                                    booking.ends_at)
        return booking.confirm(confirmed, _now())
    return _decide(uow, actor, command, decide, managers_only=True)


def decline_booking(uow: RegistryUnitOfWork, actor: Actor, command: BookingDecision) -> Booking:
    return _decide(uow, actor, command, lambda b, f: b.decline(command.reason, _now()),
                   managers_only=True)


def cancel_booking(uow: RegistryUnitOfWork, actor: Actor, command: BookingDecision) -> Booking:
    return _decide(uow, actor, command, lambda b, f: b.cancel(_now()), managers_only=False)


def _decide(uow: RegistryUnitOfWork, actor: Actor, command: BookingDecision, decide,
            managers_only: bool) -> Booking:
    with uow:
        booking = uow.bookings.get(command.booking_id)
        facility = uow.facilities.get(booking.facility_id) if booking else None
        if booking is None or not _may_see(actor, booking, facility):
            raise _booking_not_found(command.booking_id)
        is_manager = actor.is_operator or facility.is_managed_by(actor.recipient_id)
        if managers_only and not is_manager:
            raise Forbidden("確定・辞退は指定管理者または運営者が行います / the managing "
                            "organisation or an operator decides")
        if decide(booking, facility):
            uow.bookings.save(booking)  # the database refuses an overlap: Conflict
            uow.commit()
        return booking


def get_booking(uow: RegistryUnitOfWork, actor: Actor, booking_id: str) -> Booking:
    with uow:
        booking = uow.bookings.get(booking_id)
        facility = uow.facilities.get(booking.facility_id) if booking else None
    if booking is None or not _may_see(actor, booking, facility):
        raise _booking_not_found(booking_id)
    return booking


def list_bookings(uow: RegistryUnitOfWork, actor: Actor, query: BookingFilter) -> Page:
    with uow:
        if not actor.is_operator:
            if actor.role != "organisation":
                raise Forbidden("予約一覧は団体と運営者のみ / organisations and operators only")
            managed = uow.facilities.managed_by(actor.subject_id)
            if query.facility_id and query.facility_id in managed:
                pass  # the manager sees every booking of its facility
            elif query.organisation_id not in (None, actor.subject_id):
                raise Forbidden("他団体の予約は見られません / not your bookings")
            else:
                query = BookingFilter(**{**query.__dict__, "organisation_id": actor.subject_id})
        found = uow.bookings.list(query)
    return page_of(found, query.limit, lambda b: [b.starts_at.isoformat(), b.id])


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class FreeSlots:
    facility_id: str
    room_id: str
    date: date
    free: list[Slot]


def free_slots(uow: RegistryUnitOfWork, room_id: str, day: date, city: CityProfile) -> FreeSlots:
    zone = ZoneInfo(city.timezone)
    with uow:
        facility = uow.facilities.get_by_room(room_id)
        if facility is None:
            raise NotFound(f"部屋が見つかりません / room {room_id} not found")
        start, end = facilities.day_bounds(day, zone)
        confirmed = uow.bookings.confirmed_for_room(room_id, start, end)
    return FreeSlots(facility.id, room_id, day, [
        Slot(start, end) for start, end in facilities.free_slots(facility, day, confirmed, zone)])


def _may_see(actor: Actor, booking: Booking, facility: Facility | None) -> bool:
    return (actor.is_operator or actor.recipient_id == f"organisation:{booking.organisation_id}"
            or (facility is not None and facility.is_managed_by(actor.recipient_id)))


def _facility(uow: RegistryUnitOfWork, facility_id: str) -> Facility:
    facility = uow.facilities.get(facility_id)
    if facility is None:
        raise NotFound(f"施設が見つかりません / facility {facility_id} not found")
    return facility


def _booking_not_found(booking_id: str) -> NotFound:
    return NotFound(f"予約が見つかりません / booking {booking_id} not found")
