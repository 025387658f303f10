"""Delivery outcomes from notifications' events, and the operators' counts over a range of days."""
from datetime import date

from services.common.actor import Actor
from services.common.errors import Forbidden, invalid
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.delivery_outcomes import (DELIVERED, FAILED, MAX_RANGE_DAYS,
                                                       DeliveryCount, outcome_of)


def on_delivered(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.deliveries.record(outcome_of(payload, DELIVERED))


def on_delivery_failed(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.deliveries.record(outcome_of(payload, FAILED))


def delivery_counts(uow: ReportsUnitOfWork, actor: Actor, first: date,
                    last: date) -> list[DeliveryCount]:
    """Per day, channel and kind, from `first` to `last` inclusive."""
    if not actor.is_operator:
        raise Forbidden("配信の集計は運営者のみ / operators only")
    if last < first:
        raise invalid(to="終了日は開始日以降にしてください / to must not be before from")
    if (last - first).days >= MAX_RANGE_DAYS:
        raise invalid(to=f"期間は{MAX_RANGE_DAYS}日以内です / at most {MAX_RANGE_DAYS} days")
    with uow:
        return uow.deliveries.counts(first, last)
