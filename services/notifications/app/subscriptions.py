"""Who hears what: a recipient's own subscription, operators' view of anyone's, and the filter
every event's recipients pass through."""
from dataclasses import dataclass

from services.common.actor import Actor
from services.common.errors import Forbidden, invalid
from services.common.pagination import Page, page_of
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.domain.inbox_message import Subscription
from services.notifications.domain.subscription_defaults import defaults_for


@dataclass(frozen=True)
class SubscriptionChoice:
    regions: list[str]
    fields: list[str]
    organisations: list[str]
    event_types: list[str] | None  # None: the role's defaults


def subscribe(uow: NotificationsUnitOfWork, actor: Actor, choice: SubscriptionChoice,
              catalogue: frozenset[str]) -> Subscription:
    return _replace(uow, actor.recipient_id, choice, catalogue)


def get_subscription(uow: NotificationsUnitOfWork, actor: Actor) -> Subscription:
    return _get(uow, actor.recipient_id)


def set_subscription_of(uow: NotificationsUnitOfWork, actor: Actor, recipient_id: str,
                        choice: SubscriptionChoice, catalogue: frozenset[str]) -> Subscription:
    _operators_only(actor)
    return _replace(uow, recipient_id, choice, catalogue)


def subscription_of(uow: NotificationsUnitOfWork, actor: Actor, recipient_id: str) -> Subscription:
    _operators_only(actor)
    return _get(uow, recipient_id)


def list_subscriptions(uow: NotificationsUnitOfWork, actor: Actor, after: list | None,
                       limit: int) -> Page:
    """Everyone who subscribed to something, in recipient order."""
    _operators_only(actor)
    with uow:
        found = uow.subscriptions.page(after[0] if after else None, limit)
    return page_of(found, limit, lambda s: [s.recipient_id], "subscriptions")


def hearing(uow: NotificationsUnitOfWork, recipient_ids: list[str], event_type: str) -> list[str]:
    """Those of `recipient_ids` whose subscription takes in `event_type`, in their order."""
    chosen = uow.subscriptions.chosen_event_types(recipient_ids)
    return [r for r in dict.fromkeys(recipient_ids)
            if event_type in chosen.get(r, defaults_for(r))]


def _replace(uow: NotificationsUnitOfWork, recipient_id: str, choice: SubscriptionChoice,
             catalogue: frozenset[str]) -> Subscription:
    unknown = sorted(set(choice.event_types or ()) - catalogue)
    if unknown:  # checked before anything changes
        raise invalid(event_types=f"知らない種別です / unknown event types: {', '.join(unknown)}; "
                                  f"選べる種別 / valid: {', '.join(sorted(catalogue))}")
    subscription = Subscription(
        recipient_id, frozenset(choice.regions), frozenset(choice.fields),
        frozenset(choice.organisations),
        None if choice.event_types is None else frozenset(choice.event_types))
    with uow:
        uow.subscriptions.replace(subscription)
        uow.commit()
    return subscription


def _get(uow: NotificationsUnitOfWork, recipient_id: str) -> Subscription:
    with uow:
        found = uow.subscriptions.get(recipient_id)
    return found or Subscription(recipient_id, frozenset(), frozenset())


def _operators_only(actor: Actor) -> None:
    if not actor.is_operator:
        raise Forbidden("運営者のみ / operators only")
