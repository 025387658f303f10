"""SQLAlchemy repositories for facilities, rooms and bookings."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import insert, or_, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.common.errors import Conflict
from services.common.timestamps import as_utc
from services.registry.adapters.tables import bookings, facilities, rooms
from services.registry.app.facilities import (BookingFilter, FacilityFilter, facility_norms,
                                              facilities_search_key)
from services.registry.domain.directory import matches
from services.registry.domain.facility import OVERLAP, Booking, Facility, OpeningHours, Room

_FACILITY_COLUMNS = ("id", "name", "name_kana", "region", "town", "address", "accessibility",
                     "managing_organisation_id", "designated_from", "designated_to",
                     "registered_at")
_BOOKING_COLUMNS = ("id", "facility_id", "room_id", "organisation_id", "starts_at", "ends_at",
                    "status", "attendees", "purpose", "requested_by", "reason", "requested_at",
                    "updated_at")


class SqlFacilityRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, facility: Facility) -> None:
        self._session.execute(insert(facilities), self._row(facility))
        self._session.execute(insert(rooms), [
            {"id": room.id, "facility_id": facility.id, "position": index, "name": room.name,
             "capacity": room.capacity, "equipment": list(room.equipment)}
            for index, room in enumerate(facility.rooms)])

    def save(self, facility: Facility) -> None:
        """The facility's own columns (rooms are fixed at registration for now)."""
        row = self._row(facility)
        self._session.execute(update(facilities).where(facilities.c.id == facility.id)
                              .values({k: v for k, v in row.items() if k != "id"}))

    def get(self, facility_id: str) -> Facility | None:
        row = self._session.execute(
            select(facilities).where(facilities.c.id == facility_id)).first()
        return self._facility(row) if row else None

    def get_by_room(self, room_id: str) -> Facility | None:
        facility_id = self._session.execute(
            select(rooms.c.facility_id).where(rooms.c.id == room_id)).scalar()
        return self.get(facility_id) if facility_id else None

    def managed_by(self, organisation_id: str) -> set[str]:
        return set(self._session.execute(select(facilities.c.id).where(
            facilities.c.managing_organisation_id == organisation_id)).scalars())

    def list(self, query: FacilityFilter) -> list[Facility]:
        statement = select(facilities)
        if query.region:
            statement = statement.where(facilities.c.region == query.region)
        terms = query.terms
        if not terms:
            statement = statement.order_by(facilities.c.registered_at, facilities.c.id)
            if query.after:
                statement = statement.where(
                    tuple_(facilities.c.registered_at, facilities.c.id)
                    > (datetime.fromisoformat(query.after[0]), query.after[1]))
            return [self._facility(row) for row in
                    self._session.execute(statement.limit(query.limit))]
        for term in terms:  # a few hundred facilities at most: the normalised columns suffice
            statement = statement.where(or_(
                facilities.c.name_norm.contains(term, autoescape=True),
                facilities.c.kana_norm.contains(term, autoescape=True),
                facilities.c.place_norm.contains(term, autoescape=True)))
        found = [self._facility(row) for row in self._session.execute(statement)]
        keyed = sorted(((facilities_search_key(terms, f), f) for f in found
                        if matches(terms, *facility_norms(f))), key=lambda pair: pair[0])
        if query.after:
            keyed = [pair for pair in keyed if pair[0] > query.after]
        return [f for _, f in keyed[:query.limit]]

    def _facility(self, row) -> Facility:
        data = {name: row._mapping[name] for name in _FACILITY_COLUMNS}
        data["registered_at"] = as_utc(data["registered_at"])
        room_rows = self._session.execute(select(rooms).where(rooms.c.facility_id == row.id)
                                          .order_by(rooms.c.position))
        return Facility(**data, opening_hours=OpeningHours(**row.opening_hours), rooms=[
            Room(id=r.id, name=r.name, capacity=r.capacity, equipment=list(r.equipment))
            for r in room_rows])

    @staticmethod
    def _row(facility: Facility) -> dict:
        row = {name: getattr(facility, name) for name in _FACILITY_COLUMNS}
        row["opening_hours"] = {"open": facility.opening_hours.open,
                                "close": facility.opening_hours.close,
                                "closed": facility.opening_hours.closed}
        row["name_norm"], row["kana_norm"], row["place_norm"] = facility_norms(facility)
        return row


class SqlBookingRepository:
    """Writes that would make two confirmed bookings of a room overlap raise Conflict: the
    database decides (EXCLUDE constraint / trigger), whatever the callers checked before."""

    def __init__(self, session: Session):
        self._session = session

    def add(self, booking: Booking) -> None:
        self._write(insert(bookings).values(self._row(booking)))

    def save(self, booking: Booking) -> None:
        if booking.status == "confirmed":
            # Confirmations of one room queue on the room's row lock: concurrent exclusion-
            # constraint checks on PostgreSQL otherwise deadlock (seen with 20 at once).
            # SQLite ignores FOR UPDATE; its writers are serialised already.
            self._session.execute(select(rooms.c.id).where(rooms.c.id == booking.room_id)
                                  .with_for_update())
        row = self._row(booking)
        self._write(update(bookings).where(bookings.c.id == booking.id)
                    .values({k: v for k, v in row.items() if k != "id"}))

    def get(self, booking_id: str) -> Booking | None:
        row = self._session.execute(select(bookings).where(bookings.c.id == booking_id)).first()
        return _booking(row) if row else None

    def confirmed_for_room(self, room_id: str, start: datetime, end: datetime) -> list[Booking]:
        start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
        rows = self._session.execute(select(bookings).where(
            bookings.c.room_id == room_id, bookings.c.status == "confirmed",
            bookings.c.starts_at < end, bookings.c.ends_at > start).order_by(bookings.c.starts_at))
        return [_booking(row) for row in rows]

    def list(self, query: BookingFilter) -> list[Booking]:
        statement = select(bookings).order_by(bookings.c.starts_at, bookings.c.id)
        for name in ("facility_id", "room_id", "organisation_id", "status"):
            value = getattr(query, name)
            if value:
                statement = statement.where(bookings.c[name] == value)
        if query.ends_after:
            statement = statement.where(bookings.c.ends_at > query.ends_after.astimezone(timezone.utc))
        if query.starts_before:
            statement = statement.where(bookings.c.starts_at < query.starts_before.astimezone(timezone.utc))
        if query.after:
            statement = statement.where(tuple_(bookings.c.starts_at, bookings.c.id) > (
                datetime.fromisoformat(query.after[0]).astimezone(timezone.utc), query.after[1]))
        return [_booking(row) for row in self._session.execute(statement.limit(query.limit))]

    def _write(self, statement) -> None:
        try:
            self._session.execute(statement)  # on error the unit of work rolls back
        except IntegrityError as error:
            if "booking_overlap" in str(error.orig) or "bookings_no_overlap" in str(error.orig):
                raise Conflict(OVERLAP) from error
            raise

    @staticmethod
    def _row(booking: Booking) -> dict:
        row = {name: getattr(booking, name) for name in _BOOKING_COLUMNS}
        for name in ("starts_at", "ends_at", "requested_at", "updated_at"):
            if row[name] is not None:
                row[name] = row[name].astimezone(timezone.utc)
        return row


def _booking(row) -> Booking:
    data = dict(row._mapping)
    for name in ("starts_at", "ends_at", "requested_at", "updated_at"):
        if data[name] is not None:
            data[name] = as_utc(data[name])
    return Booking(**data)
