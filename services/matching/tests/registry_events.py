"""Registry's events as matching's consumer hands them to handlers: loaded by `CONSUMED`."""
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.matching.app.event_handlers import EVENT_HANDLERS
from services.matching.entrypoints.consumed_events import CONSUMED


def registry_event(event_type: str, payload: dict) -> dict:
    """The envelope as it arrives off the wire."""
    return Envelope(event_type, 1, "registry", payload, "corr").as_dict()


def deliver(uow, event: dict) -> bool:
    """Apply the event once, as the service's consumer does; True if it ran."""
    envelope, payload = CONSUMED.load_incoming(event)
    return apply_once(uow, envelope, payload, EVENT_HANDLERS[envelope["type"]])
