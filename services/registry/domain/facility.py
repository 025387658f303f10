"""Community facilities (拠点施設), their rooms and managing body (指定管理者), and room bookings.

Two confirmed bookings of one room never overlap. The check here gives a friendly answer; the
guarantee is the database's (an exclusion constraint on PostgreSQL, a trigger on SQLite), which
the repository maps to Conflict, so two concurrent confirmations cannot both succeed.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from services.common.errors import INVALID_INPUT, Conflict, ValidationFailed
from services.registry.domain.city_profile import CityProfile
from services.registry.domain.events import (BookingCancelled, BookingConfirmed, BookingDeclined,
                                             BookingRequested, FacilityManagerDesignated,
                                             FacilityRegistered)
from services.registry.domain.kana import is_reading, to_katakana_reading

SLOT_MINUTES = 30  # bookings start and end on the half hour
OVERLAP = "この時間帯は既に予約が確定しています / the room is already booked for that time"


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    capacity: int
    equipment: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OpeningHours:
    open: str = "09:00"  # local time, HH:MM
    close: str = "21:00"
    closed: str = ""  # free text: 月曜日、年末年始

    def window(self, day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
        return (datetime.combine(day, time.fromisoformat(self.open), zone),
                datetime.combine(day, time.fromisoformat(self.close), zone))


@dataclass
class Facility:
    id: str
    name: str
    name_kana: str
    region: str
    address: str
    rooms: list[Room]
    registered_at: datetime
    town: str = ""
    accessibility: list[str] = field(default_factory=list)
    opening_hours: OpeningHours = field(default_factory=OpeningHours)
    managing_organisation_id: str | None = None
    designated_from: date | None = None
    designated_to: date | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    def room(self, room_id: str) -> Room | None:
        return next((room for room in self.rooms if room.id == room_id), None)

    def is_managed_by(self, recipient_id: str) -> bool:
        return bool(self.managing_organisation_id) and (
            recipient_id == f"organisation:{self.managing_organisation_id}")

    def designate(self, organisation_id: str, start: date, end: date | None) -> None:
        if end is not None and end < start:
            raise ValidationFailed(INVALID_INPUT, {"to": [
                "指定期間の終了日は開始日以降にしてください / the period ends before it starts"]})
        self.managing_organisation_id, self.designated_from, self.designated_to = (
            organisation_id, start, end)
        self.events.append(FacilityManagerDesignated(
            facility_id=self.id, organisation_id=organisation_id, designated_from=start.isoformat(),
            designated_to=end.isoformat() if end else None))


def register_facility(*, facility_id: str, name: str, name_kana: str, region: str, town: str,
                      address: str, rooms: list[dict], accessibility: list[str],
                      opening_hours: dict, now: datetime, city: CityProfile) -> Facility:
    name = " ".join(name.split())
    reading = to_katakana_reading(name_kana)
    problems: dict[str, list[str]] = {}
    if not name:
        problems["name"] = ["施設名を入力してください / name is required"]
    if not is_reading(reading):
        problems["name_kana"] = ["フリガナはカタカナかひらがなで入力してください / "
                                 "the reading must be kana"]
    if not city.has_region(region):
        problems["region"] = [city.unknown_region(region)]
    elif town and not city.has_town(region, town):
        problems["town"] = [f"この地域に該当する町名がありません / unknown town in {region}: {town}"]
    if not rooms:
        problems["rooms"] = ["部屋を1つ以上登録してください / at least one room"]
    hours = OpeningHours(**opening_hours)
    try:
        if time.fromisoformat(hours.open) >= time.fromisoformat(hours.close):
            problems["opening_hours"] = ["閉館時刻は開館時刻より後にしてください / "
                                         "closing must be after opening"]
    except ValueError:
        problems["opening_hours"] = ["時刻は HH:MM で入力してください / times as HH:MM"]
    if problems:
        raise ValidationFailed(INVALID_INPUT, problems)
    facility = Facility(
        id=facility_id, name=name, name_kana=reading, region=region, town=town,
        address=address.strip(), registered_at=now, accessibility=list(accessibility),
        opening_hours=hours,
        rooms=[Room(id=room["id"], name=room["name"].strip(), capacity=room["capacity"],
                    equipment=list(room.get("equipment", []))) for room in rooms])
    facility.events.append(FacilityRegistered(
        facility_id=facility.id, region=region, room_ids=[room.id for room in facility.rooms]))
    return facility


@dataclass
class Booking:
    id: str
    facility_id: str
    room_id: str
    organisation_id: str
    starts_at: datetime  # aware, stored in UTC
    ends_at: datetime
    status: str
    attendees: int
    requested_at: datetime
    purpose: str = ""  # free text: never in events
    requested_by: str = ""
    reason: str = ""
    updated_at: datetime | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    def overlaps(self, other: "Booking") -> bool:
        return (self.room_id == other.room_id and self.id != other.id
                and self.starts_at < other.ends_at and other.starts_at < self.ends_at)

    def confirm(self, confirmed: list["Booking"], now: datetime) -> bool:
        if self.status == "confirmed":
            return False
        self._require("requested", "確定")
        if any(self.overlaps(other) for other in confirmed):
            raise Conflict(OVERLAP)
        self._become("confirmed", "", now, BookingConfirmed)
        return True

    def decline(self, reason: str, now: datetime) -> bool:
        if self.status == "declined":
            return False
        self._require("requested", "辞退")
        self._become("declined", reason.strip(), now, BookingDeclined)
        return True

    def cancel(self, now: datetime) -> bool:
        if self.status == "cancelled":
            return False
        if self.status not in ("requested", "confirmed"):
            raise Conflict(f"{self.status} の予約は取り消せません / a {self.status} booking "
                           f"cannot be cancelled")
        self._become("cancelled", "", now, BookingCancelled)
        return True

    def _require(self, status: str, verb: str) -> None:
        if self.status != status:
            raise Conflict(f"{self.status} の予約は{verb}できません / a {self.status} booking "
                           f"cannot change that way")

    def _become(self, status: str, reason: str, now: datetime, event_type) -> None:
        self.status, self.reason, self.updated_at = status, reason, now
        self.events.append(event_type(**booking_facts(self)))


def booking_facts(booking: Booking) -> dict:
    return {"booking_id": booking.id, "facility_id": booking.facility_id,
            "room_id": booking.room_id, "organisation_id": booking.organisation_id,
            "starts_at": booking.starts_at.astimezone(timezone.utc).isoformat(),
            "ends_at": booking.ends_at.astimezone(timezone.utc).isoformat(),
            "status": booking.status}


def request_booking(*, booking_id: str, facility: Facility, room_id: str, organisation_id: str,
                    starts_at: datetime, ends_at: datetime, attendees: int, purpose: str,
                    requested_by: str, now: datetime, zone: ZoneInfo) -> Booking:
    room = facility.room(room_id)
    problems: dict[str, list[str]] = {}
    if room is None:
        problems["room_id"] = ["この施設にない部屋です / no such room in this facility"]
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        problems["starts_at"] = ["タイムゾーン付きで指定してください / give a time zone offset"]
    elif ends_at <= starts_at:
        problems["ends_at"] = ["終了は開始より後にしてください / must end after it starts"]
    else:
        local_start, local_end = starts_at.astimezone(zone), ends_at.astimezone(zone)
        opens, closes = facility.opening_hours.window(local_start.date(), zone)
        if not (opens <= local_start and local_end <= closes):
            problems["starts_at"] = [f"開館時間（{facility.opening_hours.open}〜"
                                     f"{facility.opening_hours.close}）内で指定してください / "
                                     f"within opening hours"]
        if any(t.minute % SLOT_MINUTES or t.second or t.microsecond
               for t in (local_start, local_end)):
            problems["ends_at"] = ["30分単位で指定してください / on the half hour"]
        if starts_at < now:
            problems["starts_at"] = ["過去の時間は予約できません / that time has passed"]
    if room is not None and not 1 <= attendees <= room.capacity:
        problems["attendees"] = [f"定員は{room.capacity}名です / the room holds {room.capacity}"]
    if problems:
        raise ValidationFailed(INVALID_INPUT, problems)
    booking = Booking(id=booking_id, facility_id=facility.id, room_id=room_id,
                      organisation_id=organisation_id, starts_at=starts_at.astimezone(timezone.utc),
                      ends_at=ends_at.astimezone(timezone.utc), status="requested",
                      attendees=attendees, purpose=purpose.strip(), requested_by=requested_by,
                      requested_at=now, updated_at=now)
    booking.events.append(BookingRequested(**booking_facts(booking)))
    return booking


def free_slots(facility: Facility, day: date, confirmed: list[Booking],
               zone: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The opening hours of the day minus the confirmed bookings, as local-time intervals."""
    opens, closes = facility.opening_hours.window(day, zone)
    slots, cursor = [], opens
    for booking in sorted(confirmed, key=lambda b: b.starts_at):
        start, end = booking.starts_at.astimezone(zone), booking.ends_at.astimezone(zone)
        if end <= cursor or start >= closes:
            continue
        if start > cursor:
            slots.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < closes:
        slots.append((cursor, closes))
    return slots


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, zone)
    return start, start + timedelta(days=1)


__all__ = ["Booking", "Facility", "OpeningHours", "Room", "booking_facts", "day_bounds",
           "free_slots", "register_facility", "request_booking"]
