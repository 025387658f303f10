"""Apply consumed events exactly once: the inbox rows and the effects commit together."""
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from services.common.correlation import current_correlation_id
from services.common.tracing import event_span
from services.common.unit_of_work import ProcessedMessage, UnitOfWork

log = logging.getLogger(__name__)

# (unit of work, the event's id, its payload as the consumer's contract loaded it)
EventHandler = Callable[[UnitOfWork, str, dict[str, Any]], None]
# (the envelope, the payload as the consumer's catalogue loaded it)
LoadedEvent = tuple[Mapping[str, Any], dict[str, Any]]


def apply_once(uow: UnitOfWork, envelope: Mapping[str, Any], payload: dict[str, Any],
               handler: EventHandler) -> bool:
    """Run `handler` unless this message id was already processed. True if it ran."""
    message_id = str(envelope["id"])
    with uow:
        if uow.inbox.already_processed(message_id):
            log.info("duplicate event ignored", extra={"message_id": message_id,
                                                       "event_type": envelope["type"]})
            return False
        uow.causation_id = message_id
        handler(uow, message_id, payload)
        uow.inbox.mark_processed(message_id, envelope["type"], envelope.get("municipality_code"))
        uow.commit()
    return True


def apply_batch(uow: UnitOfWork, events: Sequence[LoadedEvent],
                handlers: Mapping[str, EventHandler] | Callable[[Mapping[str, Any]], EventHandler]) -> int:
    """Apply, in order and in ONE transaction, every event of the batch not processed before;
    return how many ran. One inbox query before and one inbox insert after, so a commit (an
    fsync) is paid per batch, not per event. If any handler raises, nothing commits and the
    exception propagates: the consumer then applies the events one by one, so a poisoned event
    never takes its neighbours down with it. `handlers` maps event types to handlers, or is a
    function of the envelope returning the handler (for a service that wraps handlers per event)."""
    with uow:
        already = uow.inbox.processed_among([str(envelope["id"]) for envelope, _ in events])
        applied: list[ProcessedMessage] = []
        for envelope, payload in events:
            message_id = str(envelope["id"])
            if message_id in already:
                log.info("duplicate event ignored", extra={"message_id": message_id,
                                                           "event_type": envelope["type"]})
                continue
            already.add(message_id)  # the same message twice in one batch runs once
            handler = handlers(envelope) if callable(handlers) else handlers[envelope["type"]]
            # Each event keeps its own correlation, causation and trace in logs and outgoing
            # events (the consumer hands over the message's `traceparent` header with it).
            token = current_correlation_id.set(envelope.get("correlation_id") or current_correlation_id.get())
            try:
                with event_span(f"handle {envelope['type']}", envelope.get("traceparent")):
                    uow.causation_id = message_id
                    handler(uow, message_id, payload)
                    uow.stage_events()
            finally:
                current_correlation_id.reset(token)
            applied.append(ProcessedMessage(message_id, envelope["type"], envelope.get("municipality_code")))
        uow.inbox.mark_all_processed(applied)
        uow.commit()
    return len(applied)
