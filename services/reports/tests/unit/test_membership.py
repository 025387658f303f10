"""Reports answers the membership rate from registry's snapshots, beside newcomer interests."""
import uuid
from datetime import date

from services.reports.app import membership
from services.reports.app.membership import MembershipQuery
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork


def snapshot(region, as_of, associations, households, members, rate):
    return {"region": region, "as_of": as_of, "associations": associations,
            "households_in_area": households, "member_households": members, "rate": rate}


def recalculated(uow, *snapshots):
    for payload in snapshots:
        assert deliver(uow, "registry.membership_rate_recalculated", payload)


def interest(uow, region):
    deliver(uow, "registry.newcomer_interest_registered", {
        "interest_id": str(uuid.uuid4()), "organisation_id": str(uuid.uuid4()), "region": region})


def rows(uow, **query):
    as_of, found = membership.membership(uow, MembershipQuery(**query))
    return [(r.region, r.associations, r.households_in_area, r.member_households, r.rate,
             r.newcomer_interests) for r in found]


def test_each_region_answers_with_the_latest_snapshot_at_or_before_the_day():
    uow = MemoryReportsUnitOfWork()
    recalculated(uow, snapshot("hongo", "2024-04-01", 1, 120, 96, 0.8),
                 snapshot("hongo", "2025-04-01", 1, 120, 90, 0.75),
                 snapshot("miwa", "2024-10-01", 2, 300, 150, 0.5))
    assert rows(uow, as_of=date(2024, 3, 31)) == []
    assert rows(uow, as_of=date(2024, 4, 1)) == [("hongo", 1, 120, 96, 0.8, 0)]
    assert rows(uow, as_of=date(2025, 3, 31)) == [("hongo", 1, 120, 96, 0.8, 0),
                                                  ("miwa", 2, 300, 150, 0.5, 0)]
    assert rows(uow, as_of=date(2025, 6, 1))[0] == ("hongo", 1, 120, 90, 0.75, 0)


def test_the_answer_defaults_to_today():
    uow = MemoryReportsUnitOfWork()
    recalculated(uow, snapshot("hongo", "2024-04-01", 1, 120, 96, 0.8))
    as_of, [row] = membership.membership(uow, MembershipQuery())
    assert as_of >= date(2024, 4, 1) and row.rate == 0.8


def test_a_snapshot_sent_again_for_the_same_region_and_day_replaces_the_first():
    uow = MemoryReportsUnitOfWork()
    recalculated(uow, snapshot("hongo", "2024-04-01", 1, 120, 96, 0.8),
                 snapshot("hongo", "2024-04-01", 2, 200, 150, 0.75))
    assert rows(uow, as_of=date(2024, 5, 1)) == [("hongo", 2, 200, 150, 0.75, 0)]
    assert len(uow.membership.snapshots) == 1


def test_the_region_filter_applies_to_rates_and_to_newcomers():
    uow = MemoryReportsUnitOfWork()
    recalculated(uow, snapshot("hongo", "2024-04-01", 1, 120, 96, 0.8),
                 snapshot("miwa", "2024-04-01", 2, 300, 150, 0.5))
    interest(uow, "hongo")
    interest(uow, "miwa")
    assert rows(uow, region="miwa", as_of=date(2024, 5, 1)) == [("miwa", 2, 300, 150, 0.5, 1)]


def test_a_region_with_only_newcomers_shows_zeros_and_no_rate():
    uow = MemoryReportsUnitOfWork()
    recalculated(uow, snapshot("hongo", "2024-04-01", 1, 0, 0, None))  # households unknown
    interest(uow, "kuga")
    interest(uow, "kuga")
    assert rows(uow, as_of=date(2024, 5, 1)) == [("hongo", 1, 0, 0, None, 0),
                                                 ("kuga", 0, 0, 0, None, 2)]

