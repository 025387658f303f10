"""Reports use cases for facility use: keep booking facts from registry's events, answer per
facility (optionally for one month of booked days)."""
from dataclasses import dataclass

from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.facility_use import FacilityUse, moves_forward


@dataclass(frozen=True)
class FacilityUseQuery:
    region: str | None = None
    month: str | None = None  # YYYY-MM of the booked start (UTC)


def on_facility_registered(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.facility_use.record_facility(payload["facility_id"], payload["region"],
                                     len(payload["room_ids"]))


def on_facility_manager_designated(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.facility_use.set_manager(payload["facility_id"], payload["organisation_id"])


def on_booking_event(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    booking_id = payload["booking_id"]
    current = uow.facility_use.booking_status(booking_id)
    if not moves_forward(current, payload["status"]):
        return  # an older fact arriving late
    uow.facility_use.record_booking(
        booking_id=booking_id, facility_id=payload["facility_id"], room_id=payload["room_id"],
        organisation_id=payload["organisation_id"], starts_at=payload["starts_at"],
        ends_at=payload["ends_at"], status=payload["status"], known=current is not None)


def facility_use(uow: ReportsUnitOfWork, query: FacilityUseQuery) -> list[FacilityUse]:
    with uow:
        return uow.facility_use.per_facility(query.region, query.month)
