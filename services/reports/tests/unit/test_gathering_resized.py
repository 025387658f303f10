"""A gathering resized by its organiser keeps its participation row's capacity current."""
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
