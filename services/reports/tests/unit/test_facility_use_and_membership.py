"""Reports' read models of facility use and association membership, from registry's events."""
import uuid
from datetime import date, datetime, timezone

from services.reports.app import facility_use, membership
from services.reports.app.facility_use import FacilityUseQuery
from services.reports.app.membership import MembershipQuery
from services.reports.domain.facility_use import moves_forward
from services.reports.domain.membership import Figure, per_region


def test_booking_status_only_moves_forward():
    assert moves_forward(None, "requested")
    assert moves_forward("requested", "confirmed") and moves_forward("confirmed", "cancelled")
    assert not moves_forward("confirmed", "requested")
    assert not moves_forward("cancelled", "confirmed")


class MemoryFacilityUse:
    def __init__(self):
        self.facilities, self.bookings = {}, {}

    def record_facility(self, facility_id, region, rooms):
        self.facilities[facility_id] = {"region": region, "rooms": rooms, "manager": None}

    def set_manager(self, facility_id, organisation_id):
        self.facilities.setdefault(facility_id, {"region": "", "rooms": 0})["manager"] = organisation_id

    def booking_status(self, booking_id):
        return self.bookings.get(booking_id, {}).get("status")

    def record_booking(self, *, booking_id, known, **facts):
        self.bookings[booking_id] = facts


def test_late_events_do_not_undo_a_confirmation():
    class Uow:
        facility_use = MemoryFacilityUse()
    uow = Uow()
    facility_use.on_facility_registered(uow, {"facility_id": "f", "region": "yu", "room_ids": ["r"]})
    facts = {"booking_id": "b", "facility_id": "f", "room_id": "r", "organisation_id": "o",
             "starts_at": datetime(2027, 1, 1, 1, tzinfo=timezone.utc),
             "ends_at": datetime(2027, 1, 1, 3, tzinfo=timezone.utc)}
    facility_use.on_booking_event(uow, {**facts, "status": "confirmed"})
    facility_use.on_booking_event(uow, {**facts, "status": "requested"})  # arrives late
    assert uow.facility_use.bookings["b"]["status"] == "confirmed"


def test_membership_per_region_uses_the_latest_figures_at_the_day():
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    figures = [Figure(a, "iwakuni", "households_in_area", 400, date(2024, 4, 1)),
               Figure(a, "iwakuni", "member_households", 200, date(2024, 4, 1)),
               Figure(a, "iwakuni", "member_households", 240, date(2025, 4, 1)),
               Figure(b, "iwakuni", "households_in_area", 100, date(2024, 4, 1))]  # no members
    [row] = per_region(date(2024, 12, 1), figures, {"iwakuni": 3})
    assert (row.associations, row.households_in_area, row.member_households, row.rate,
            row.newcomer_interests) == (2, 400, 200, 0.5, 3)
    [later] = per_region(date(2025, 5, 1), figures, {})
    assert later.rate == 0.6


def test_membership_handlers_feed_the_query():
    class Store:
        def __init__(self):
            self.figures, self.interests = [], {}

        def record_figure(self, figure):
            self.figures.append(figure)

        def figures_until(self, as_of, region):
            return [f for f in self.figures if f.as_of <= as_of]

        def record_interest(self, interest_id, organisation_id, region):
            self.interests[region] = self.interests.get(region, 0) + 1

        def interests_by_region(self, region):
            return self.interests

    class Uow:
        membership = Store()

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    uow = Uow()
    membership.on_household_figure_recorded(uow, {"organisation_id": "a", "region": "yu",
                                                 "measure": "households_in_area", "value": 50,
                                                 "as_of": "2024-04-01"})
    membership.on_household_figure_recorded(uow, {"organisation_id": "a", "region": "yu",
                                                 "measure": "member_households", "value": 40,
                                                 "as_of": date(2024, 4, 1)})
    membership.on_newcomer_interest_registered(uow, {"interest_id": "i", "organisation_id": "a",
                                                    "region": "yu"})
    as_of, [row] = membership.membership(uow, MembershipQuery(as_of=date(2024, 5, 1)))
    assert (row.region, row.rate, row.newcomer_interests) == ("yu", 0.8, 1)
    assert FacilityUseQuery().month is None
