"""SQLAlchemy read model of facility use."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.reports.adapters.tables import booking_facts, facility_facts
from services.reports.domain.facility_use import FacilityUse


class SqlFacilityUseRepository:
    def __init__(self, session: Session):
        self._session = session

    def record_facility(self, facility_id: str, region: str, rooms: int) -> None:
        if self._has_facility(facility_id):
            self._session.execute(update(facility_facts).where(
                facility_facts.c.facility_id == facility_id).values(region=region, rooms=rooms))
        else:
            self._session.execute(insert(facility_facts).values(
                facility_id=facility_id, region=region, rooms=rooms))

    def set_manager(self, facility_id: str, organisation_id: str) -> None:
        if not self._has_facility(facility_id):  # designated before registered arrived
            self._session.execute(insert(facility_facts).values(
                facility_id=facility_id, region="", rooms=0))
        self._session.execute(update(facility_facts).where(
            facility_facts.c.facility_id == facility_id).values(
            managing_organisation_id=organisation_id))

    def booking_status(self, booking_id: str) -> str | None:
        return self._session.execute(select(booking_facts.c.status).where(
            booking_facts.c.booking_id == booking_id)).scalar()

    def record_booking(self, *, booking_id, facility_id, room_id, organisation_id, starts_at,
                       ends_at, status, known: bool) -> None:
        starts_at, ends_at = _utc(starts_at), _utc(ends_at)
        values = dict(facility_id=facility_id, room_id=room_id, organisation_id=organisation_id,
                      starts_at=starts_at, ends_at=ends_at, month=starts_at.strftime("%Y-%m"),
                      status=status)
        if known:
            self._session.execute(update(booking_facts).where(
                booking_facts.c.booking_id == booking_id).values(**values))
        else:
            self._session.execute(insert(booking_facts).values(booking_id=booking_id, **values))

    def per_facility(self, region: str | None, month: str | None) -> list[FacilityUse]:
        facilities_q = select(facility_facts)
        if region:
            facilities_q = facilities_q.where(facility_facts.c.region == region)
        facilities = {row.facility_id: row for row in self._session.execute(facilities_q)}
        bookings_q = select(booking_facts).where(booking_facts.c.facility_id.in_(facilities))
        if month:
            bookings_q = bookings_q.where(booking_facts.c.month == month)
        counts: dict[str, dict] = defaultdict(lambda: defaultdict(float))
        for row in self._session.execute(bookings_q):
            counts[row.facility_id][row.status] += 1
            if row.status == "confirmed":
                hours = (_utc(row.ends_at) - _utc(row.starts_at)).total_seconds() / 3600
                counts[row.facility_id]["hours"] += hours
        return [FacilityUse(
            facility_id=facility_id, region=row.region, rooms=row.rooms,
            managing_organisation_id=row.managing_organisation_id,
            requested=int(counts[facility_id]["requested"]),
            confirmed=int(counts[facility_id]["confirmed"]),
            declined=int(counts[facility_id]["declined"]),
            cancelled=int(counts[facility_id]["cancelled"]),
            confirmed_hours=round(counts[facility_id]["hours"], 2))
            for facility_id, row in sorted(facilities.items(),
                                           key=lambda item: (item[1].region, item[0]))]

    def _has_facility(self, facility_id: str) -> bool:
        return self._session.execute(select(facility_facts.c.facility_id).where(
            facility_facts.c.facility_id == facility_id)).first() is not None


def _utc(value: datetime) -> datetime:
    """Months are UTC months; SQLite hands datetimes back without a zone."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(
        timezone.utc)
