"""Delivers an event to reports as its consumer does: loaded by CONSUMED, applied once."""
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.reports.app.event_handlers import EVENT_HANDLERS
from services.reports.entrypoints.consumed_events import CONSUMED


def deliver(uow, event_type: str, payload: dict) -> bool:
    envelope = Envelope(event_type, 1, event_type.split(".")[0], payload, "corr").as_dict()
    _, loaded = CONSUMED.load_incoming(envelope)
    return apply_once(uow, envelope, loaded, EVENT_HANDLERS[event_type])
