"""Notifications' delivery outcomes counted per day (Japan time), channel and kind, for operators."""
import uuid
from datetime import date

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, ValidationFailed
from services.reports.app.delivery_outcomes import delivery_counts
from services.reports.domain.delivery_outcomes import DeliveryCount
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork

OPERATOR = Actor("operator", key_id="k-op")


def outcome(uow, event_type, finished_at, channel="email", kind="matching.match_confirmed",
            delivery_id=None):
    delivery_id = delivery_id or str(uuid.uuid4())
    deliver(uow, event_type, {"delivery_id": delivery_id, "source_id": str(uuid.uuid4()),
                              "channel": channel, "kind": kind, "attempts": 1,
                              "finished_at": finished_at})
    return delivery_id


def test_outcomes_are_counted_per_japanese_day_channel_and_kind():
    uow = MemoryReportsUnitOfWork()
    outcome(uow, "notifications.delivered", "2027-01-14T15:30:00+00:00")  # 00:30 on the 15th in Japan
    outcome(uow, "notifications.delivered", "2027-01-15T01:00:00+00:00")
    outcome(uow, "notifications.delivery_failed", "2027-01-15T02:00:00+00:00")
    outcome(uow, "notifications.delivered", "2027-01-15T03:00:00+00:00", channel="webhook")
    outcome(uow, "notifications.delivered", "2027-01-20T03:00:00+00:00")  # outside the range
    assert delivery_counts(uow, OPERATOR, date(2027, 1, 15), date(2027, 1, 16)) == [
        DeliveryCount(date(2027, 1, 15), "email", "matching.match_confirmed", 2, 1),
        DeliveryCount(date(2027, 1, 15), "webhook", "matching.match_confirmed", 1, 0)]


def test_a_replayed_delivery_counts_once_with_its_latest_outcome():
    uow = MemoryReportsUnitOfWork()
    delivery_id = outcome(uow, "notifications.delivery_failed", "2027-01-15T02:00:00+00:00")
    outcome(uow, "notifications.delivered", "2027-01-15T04:00:00+00:00", delivery_id=delivery_id)
    [count] = delivery_counts(uow, OPERATOR, date(2027, 1, 15), date(2027, 1, 15))
    assert (count.delivered, count.failed) == (1, 0)


def test_only_operators_and_only_a_range_that_runs_forward_within_a_year():
    uow = MemoryReportsUnitOfWork()
    with pytest.raises(Forbidden):
        delivery_counts(uow, Actor("partner", str(uuid.uuid4())), date(2027, 1, 1), date(2027, 1, 2))
    with pytest.raises(ValidationFailed) as backwards:
        delivery_counts(uow, OPERATOR, date(2027, 1, 2), date(2027, 1, 1))
    assert "to" in backwards.value.fields
    with pytest.raises(ValidationFailed):
        delivery_counts(uow, OPERATOR, date(2026, 1, 1), date(2027, 1, 2))  # 367 days
