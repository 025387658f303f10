"""Apply a consumed event exactly once: the inbox row and the effect commit together."""
import logging
from collections.abc import Callable, Mapping
from typing import Any

from services.common.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

# (unit of work, the event's id, its payload as the consumer's contract loaded it)
EventHandler = Callable[[UnitOfWork, str, dict[str, Any]], None]


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
        uow.inbox.mark_processed(message_id, envelope["type"])
        uow.commit()
    return True

