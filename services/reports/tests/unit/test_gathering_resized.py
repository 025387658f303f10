"""A gathering resized by its organiser keeps its capacity current; one cancelled or refused its room is not counted."""
import uuid

from services.common.actor import Actor
from services.reports.app.gathering_participation import gathering_participation
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork
from services.reports.tests.unit.test_gatherings_and_funding import ORGANISER, created


def test_the_latest_capacity_is_reported():
    uow = MemoryReportsUnitOfWork()
    gathering = str(uuid.uuid4())
    created(uow, gathering, "kuga", "2027-01-10T10:00:00+09:00")
    deliver(uow, "matching.gathering_updated", {"gathering_id": gathering, "organiser_id": ORGANISER,
                                                "changed": ["capacity"], "capacity": 35, "participants": []})
    [row] = gathering_participation(uow, Actor("operator"), 2026).gatherings
    assert row.capacity == 35


def test_a_cancelled_or_refused_gathering_is_not_counted_and_a_scheduled_one_is():
    uow = MemoryReportsUnitOfWork()
    cancelled, refused, held = (str(uuid.uuid4()) for _ in range(3))
    for gathering in (cancelled, refused, held):
        created(uow, gathering, "kuga", "2027-01-10T10:00:00+09:00")
    deliver(uow, "matching.gathering_cancelled", {"gathering_id": cancelled, "organiser_id": ORGANISER,
                                                  "reason": "台風接近のため", "booking_ids": []})
    for gathering, status in ((refused, "refused"), (held, "scheduled")):
        deliver(uow, "matching.gathering_room_settled", {"gathering_id": gathering, "organiser_id": ORGANISER,
                                                         "status": status, "reason": ""})
    report = gathering_participation(uow, Actor("operator"), 2026)
    assert [row.gathering_id for row in report.gatherings] == [held]
    assert report.regions[0].gatherings == 1
