"""Reports' participation rows on SQLite and PostgreSQL follow matching's gathering changes: a
resized gathering keeps its capacity, a cancelled or refused one leaves the counts."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app.gathering_participation import gathering_participation
from services.reports.contract.events import PUBLISHED
from services.reports.tests.events import deliver
from services.reports.tests.unit.test_gatherings_and_funding import ORGANISER, created


@pytest.fixture
def uow(database_url):
    upgrade("reports", database_url)
    engine = make_engine(database_url)
    yield SqlReportsUnitOfWork(make_session_factory(engine), "reports", PUBLISHED, MESSAGING)
    engine.dispose()


def test_resized_cancelled_and_refused_gatherings_on_the_real_tables(uow):
    resized, cancelled, refused = (str(uuid.uuid4()) for _ in range(3))
    for gathering in (resized, cancelled, refused):
        created(uow, gathering, "yu", "2027-02-10T10:00:00+09:00")
    deliver(uow, "matching.gathering_updated", {"gathering_id": resized, "organiser_id": ORGANISER,
                                                "changed": ["capacity"], "capacity": 8, "participants": []})
    deliver(uow, "matching.gathering_cancelled", {"gathering_id": cancelled, "organiser_id": ORGANISER,
                                                  "reason": "講師の急病", "booking_ids": []})
    deliver(uow, "matching.gathering_room_settled", {"gathering_id": refused, "organiser_id": ORGANISER,
                                                     "status": "refused", "reason": "予約がcancelled"})
    rows = gathering_participation(uow, Actor("operator"), 2026).gatherings
    assert [(r.gathering_id, r.capacity) for r in rows] == [(resized, 8)]
