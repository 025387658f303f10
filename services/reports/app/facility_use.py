"""Reports use cases for facility use: keep booking facts from registry's events, answer per
facility (optionally for one month of booked days)."""
from dataclasses import dataclass

from services.reports.domain.facility_use import FacilityUse, moves_forward


@dataclass(frozen=True)
class FacilityUseQuery:
    region: str | None = None
    month: str | None = None  # YYYY-MM of the booked start (UTC)


def on_facility_registered(uow, payload: dict) -> None:
    uow.facility_use.record_facility(str(payload["facility_id"]), payload["region"],
                                     len(payload["room_ids"]))


def on_facility_manager_designated(uow, payload: dict) -> None:
    uow.facility_use.set_manager(str(payload["facility_id"]), str(payload["organisation_id"]))


def on_booking_event(uow, payload: dict) -> None:
    booking_id = str(payload["booking_id"])
    current = uow.facility_use.booking_status(booking_id)
    if not moves_forward(current, payload["status"]):
        return  # an older fact arriving late
    uow.facility_use.record_booking(
        booking_id=booking_id, facility_id=str(payload["facility_id"]),
        room_id=str(payload["room_id"]), organisation_id=str(payload["organisation_id"]),
        starts_at=payload["starts_at"], ends_at=payload["ends_at"], status=payload["status"],
        known=current is not None)


def facility_use(uow, query: FacilityUseQuery) -> list[FacilityUse]:
    with uow:
        return uow.facility_use.per_facility(query)


EVENT_HANDLERS = {
    "registry.facility_registered": on_facility_registered,
    "registry.facility_manager_designated": on_facility_manager_designated,
    "registry.booking_requested": on_booking_event,
    "registry.booking_confirmed": on_booking_event,
    "registry.booking_declined": on_booking_event,
    "registry.booking_cancelled": on_booking_event,
}
