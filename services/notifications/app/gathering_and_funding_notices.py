"""Matching's gathering events become one message for whoever they concern, as preferences plan it."""
from datetime import datetime, timezone

from services.notifications.app.fan_out import messages_for, notify_all
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.domain import gathering_and_funding_messages


def message_for(event_type: str):
    def handler(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
        notify_all(uow, messages_for(uow, gathering_and_funding_messages.recipients(event_type, payload), event_type,
                                     gathering_and_funding_messages.facts(payload), gathering_and_funding_messages.link(payload),
                                     event_id, datetime.now(timezone.utc)),
                   event_type, payload)
    return handler
