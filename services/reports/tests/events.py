"""Delivers an event to reports as its consumer does: loaded by CONSUMED, logged with its KPI
facts, applied once."""
from datetime import datetime

from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.reports.app.event_handlers import EVENT_HANDLERS
from services.reports.app.replay import recorded
from services.reports.entrypoints.consumed_events import CONSUMED


def deliver(uow, event_type: str, payload: dict, occurred_at: datetime | None = None) -> bool:
    envelope = Envelope(event_type, 1, event_type.split(".")[0], payload, "corr").as_dict()
    if occurred_at is not None:
        envelope["occurred_at"] = occurred_at.isoformat()
    loaded_envelope, loaded = CONSUMED.load_incoming(envelope)
    handler = recorded(EVENT_HANDLERS[event_type], event_type, 1, loaded_envelope["occurred_at"],
                       loaded_envelope["payload"])
    return apply_once(uow, loaded_envelope, loaded, handler)
