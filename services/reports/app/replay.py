"""Replay: rebuild every read model from the events reports stored, in the order it applied
them. The result is what live consumption produced (tests compare the two)."""
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from services.common.event_handling import EventHandler
from services.reports.app.kpi_facts import record_facts
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.stored_event import StoredEvent

# Reads a stored event's payload as the live consumer did (its tolerant reader).
PayloadLoader = Callable[[StoredEvent], dict[str, Any]]


def recorded(handler: EventHandler, event_type: str, version: int, occurred_at: datetime,
             raw_payload: dict[str, Any]) -> EventHandler:
    """The handler, with the event first written to the log in the same transaction, and its
    KPI facts after it."""
    def record_then_apply(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
        uow.event_log.append(StoredEvent(event_id, event_type, version, occurred_at,
                                         raw_payload))
        handler(uow, event_id, payload)
        record_facts(uow, event_type, event_id, occurred_at, payload)
    return record_then_apply


def rebuild_read_models(uow: ReportsUnitOfWork, handlers: Mapping[str, EventHandler],
                        load: PayloadLoader) -> int:
    """Clears the read models and applies every stored event again, in one transaction (all or
    nothing). Returns how many events were applied."""
    applied = 0
    with uow:
        uow.read_models.clear()
        for stored in uow.event_log.stream():
            handler = handlers.get(stored.type)
            if handler is None:
                continue  # e.g. a report request: a job, not a read model
            payload = load(stored)
            handler(uow, stored.event_id, payload)
            record_facts(uow, stored.type, stored.event_id, stored.occurred_at, payload)
            applied += 1
        uow.commit()
    return applied
