"""Reports' caseload read model, from registry's consultation events (operators read it)."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.reports.app.caseload import CaseloadQuery, caseload
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork

OPERATOR = Actor("operator", key_id="op")


def test_events_in_any_order_make_one_case_in_its_latest_status():
    uow = MemoryReportsUnitOfWork()
    case = str(uuid.uuid4())
    at = lambda day: f"2026-05-{day:02d}T01:00:00+00:00"  # noqa: E731
    topics = ["funding", "management"]
    for event_type, payload in (
            ("registry.consultation_status_changed", {"status": "in_progress", "topics": topics,
                                                      "changed_at": at(12)}),  # before opened
            ("registry.consultation_opened", {"channel": "phone", "topics": topics,
                                              "opened_at": at(11)}),
            ("registry.consultation_followed_up", {"followed_up_at": at(13)}),
            ("registry.consultation_referred", {"referred_at": at(14)}),
            ("registry.consultation_status_changed", {"status": "referred", "topics": topics,
                                                      "changed_at": at(14)})):
        deliver(uow, event_type, {"consultation_id": case, **payload})
    load = caseload(uow, OPERATOR, CaseloadQuery(from_month="2026-05", to_month="2026-05"))
    assert (load.total, load.by_status, load.by_channel, load.follow_ups, load.referrals) == (
        1, {"referred": 1}, {"phone": 1}, 1, 1)
    assert {(r.month, r.topic) for r in load.rows} == {("2026-05", "funding"),
                                                       ("2026-05", "management")}
    assert caseload(uow, OPERATOR, CaseloadQuery(from_month="2026-06")).total == 0


def test_only_operators_read_the_caseload():
    with pytest.raises(Forbidden):
        caseload(MemoryReportsUnitOfWork(), Actor("citizen", "c-1"), CaseloadQuery())
