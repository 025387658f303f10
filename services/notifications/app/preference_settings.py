"""Read and set one's own preferences."""
from services.common.actor import Actor
from services.notifications.app.fan_out import preferences_of
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.domain.preferences import Preferences


def get_preferences(uow: NotificationsUnitOfWork, actor: Actor) -> Preferences:
    with uow:
        return preferences_of(uow, actor.recipient_id)


def put_preferences(uow: NotificationsUnitOfWork, actor: Actor, wanted: dict) -> Preferences:
    """`wanted` holds the fields to set; the domain refuses a bad zone, mode or quiet period."""
    with uow:
        current = preferences_of(uow, actor.recipient_id)
        updated = Preferences(**{**current.__dict__, **wanted,
                                 "channels": {**current.channels, **wanted.get("channels", {})}})
        uow.preferences.save(updated)
        uow.commit()
    return updated
