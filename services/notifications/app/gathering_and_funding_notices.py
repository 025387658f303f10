"""Matching's gathering events become one message for whoever they concern (a new gathering: each
follower of its organiser), as their subscriptions and preferences have it."""
from datetime import datetime, timezone

from services.notifications.app.fan_out import messages_for, notify_all
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.app.subscriptions import hearing
from services.notifications.domain import gathering_and_funding_messages as messages
from services.notifications.domain.subscription_defaults import GATHERING_CREATED


def message_for(event_type: str):
    def handler(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
        _notify(uow, event_id, event_type, payload, messages.recipients(event_type, payload))
    return handler


def on_gathering_created(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    _notify(uow, event_id, GATHERING_CREATED,
            {**payload, "place": uow.place_names.get(payload["region"], payload["region"])},
            uow.subscriptions.followers_of(payload["organiser_id"]))


def _notify(uow: NotificationsUnitOfWork, event_id: str, event_type: str, payload: dict,
            recipients: list[str]) -> None:
    notify_all(uow, messages_for(uow, hearing(uow, recipients, event_type), event_type,
                                 messages.facts(payload), messages.link(payload), event_id,
                                 datetime.now(timezone.utc)),
               event_type, payload)
