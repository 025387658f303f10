"""Reports' read model of facility use, from registry's facility and booking events."""
import uuid
from datetime import datetime, timezone

from services.reports.app import facility_use
from services.reports.app.facility_use import FacilityUseQuery
from services.reports.domain.facility_use import moves_forward
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork


def test_booking_status_only_moves_forward():
    assert moves_forward(None, "requested")
    assert moves_forward("requested", "confirmed") and moves_forward("confirmed", "cancelled")
    assert not moves_forward("confirmed", "requested")
    assert not moves_forward("cancelled", "confirmed")


def test_late_events_do_not_undo_a_confirmation():
    uow = MemoryReportsUnitOfWork()
    facility, room, booking, org = (str(uuid.uuid4()) for _ in range(4))
    deliver(uow, "registry.facility_registered",
            {"facility_id": facility, "region": "yu", "room_ids": [room]})
    facts = {"booking_id": booking, "facility_id": facility, "room_id": room,
             "organisation_id": org,
             "starts_at": datetime(2027, 1, 1, 1, tzinfo=timezone.utc).isoformat(),
             "ends_at": datetime(2027, 1, 1, 3, tzinfo=timezone.utc).isoformat()}
    deliver(uow, "registry.booking_confirmed", {**facts, "status": "confirmed"})
    deliver(uow, "registry.booking_requested", {**facts, "status": "requested"})  # arrives late
    assert uow.facility_use.bookings[booking]["status"] == "confirmed"


def test_bookings_per_facility_and_month_with_confirmed_hours():
    uow = MemoryReportsUnitOfWork()
    facility, room, org = (str(uuid.uuid4()) for _ in range(3))
    deliver(uow, "registry.facility_manager_designated",  # before its registration arrives
            {"facility_id": facility, "organisation_id": org})
    deliver(uow, "registry.facility_registered",
            {"facility_id": facility, "region": "yu", "room_ids": [room]})
    for status in ("confirmed", "declined"):
        deliver(uow, f"registry.booking_{status}", {
            "booking_id": str(uuid.uuid4()), "facility_id": facility, "room_id": room,
            "organisation_id": org, "starts_at": "2027-01-16T10:00:00+09:00",
            "ends_at": "2027-01-16T13:00:00+09:00", "status": status})
    [row] = facility_use.facility_use(uow, FacilityUseQuery(region="yu", month="2027-01"))
    assert (row.confirmed, row.declined, row.bookings, row.confirmed_hours,
            row.managing_organisation_id) == (1, 1, 2, 3.0, org)
    assert facility_use.facility_use(uow, FacilityUseQuery(month="2027-02"))[0].bookings == 0
    assert FacilityUseQuery().month is None
