"""Facility use from registry's events: bookings per facility, by status, with confirmed hours.

Events may arrive out of order (at-least-once, several consumers): a booking's status only
moves forward (requested → confirmed → cancelled, requested → declined).
"""
from dataclasses import dataclass

_STAGE = {"requested": 0, "confirmed": 1, "declined": 2, "cancelled": 2}


def moves_forward(current: str | None, new: str) -> bool:
    return current is None or _STAGE.get(new, 0) >= _STAGE.get(current, 0)


@dataclass(frozen=True)
class FacilityUse:
    facility_id: str
    region: str
    rooms: int
    managing_organisation_id: str | None
    requested: int = 0
    confirmed: int = 0
    declined: int = 0
    cancelled: int = 0
    confirmed_hours: float = 0.0

    @property
    def bookings(self) -> int:
        return self.requested + self.confirmed + self.declined + self.cancelled
