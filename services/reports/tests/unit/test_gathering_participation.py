"""Participation in gatherings from matching's events: per gathering, per region, per fiscal year."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.reports.app.gathering_participation import gathering_participation
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork

ORGANISER = str(uuid.uuid4())


def created(uow, gathering_id, region, starts_at):
    deliver(uow, "matching.gathering_created", {
        "gathering_id": gathering_id, "organiser_id": ORGANISER, "kind": "workshop", "region": region,
        "fields": ["welfare"], "starts_at": starts_at, "capacity": 20, "fee_yen": 0, "online": False,
        "status": "scheduled"})


def attended(uow, gathering_id, region, held_on, came, youth, first):
    deliver(uow, "matching.gathering_attendance_recorded", {
        "gathering_id": gathering_id, "organiser_id": ORGANISER, "region": region, "held_on": held_on,
        "signed_up": came + 2, "attended": came, "youth_attended": youth, "first_timers_attended": first})


def test_youth_and_first_timers_are_counted_per_gathering_and_region_in_its_fiscal_year():
    uow = MemoryReportsUnitOfWork()
    march, april, other = (str(uuid.uuid4()) for _ in range(3))
    created(uow, march, "kuga", "2027-03-31T18:00:00+09:00")  # still FY2026 in Japan
    created(uow, april, "kuga", "2027-04-10T10:00:00+09:00")
    attended(uow, march, "kuga", "2027-03-31", 10, 3, 4)
    attended(uow, march, "kuga", "2027-03-31", 12, 4, 4)  # a corrected record replaces the first
    attended(uow, other, "yu", "2026-06-01", 5, 1, 5)  # counts arriving before the creation
    deliver(uow, "matching.gathering_outcome_recorded", {
        "gathering_id": march, "organiser_id": ORGANISER, "ideas": 3, "follow_ups": 1})
    report = gathering_participation(uow, Actor("operator"), 2026)
    assert [(g.gathering_id, g.attended, g.ideas) for g in report.gatherings] == [(other, 5, 0), (march, 12, 3)]
    kuga = next(r for r in report.regions if r.region == "kuga")
    assert kuga.gatherings == 1 and kuga.counts["youth_attended"] == 4 and kuga.youth_share == round(4 / 12, 4)
    assert [g.gathering_id for g in gathering_participation(uow, Actor("operator"), 2027).gatherings] == [april]
    with pytest.raises(Forbidden):
        gathering_participation(uow, Actor("organisation", ORGANISER), 2026)
