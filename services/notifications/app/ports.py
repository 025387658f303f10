"""What notifications' use cases need of storage: its repositories and its unit of work."""
from typing import Protocol

from services.common.domain_events import DomainEvent
from services.common.unit_of_work import Inbox
from services.notifications.domain.inbox_message import InboxMessage, Subscription


class SubscriptionRepository(Protocol):
    def replace(self, subscription: Subscription) -> None: ...

    def get(self, recipient_id: str) -> Subscription | None: ...

    def recipients_for(self, region: str, fields: list[str]) -> list[str]: ...


class InboxMessageRepository(Protocol):
    def add(self, message: InboxMessage) -> None: ...

    def for_recipient(self, recipient_id: str, after: list | None,
                      limit: int) -> list[InboxMessage]: ...


class NotificationsUnitOfWork(Protocol):
    subscriptions: SubscriptionRepository
    messages: InboxMessageRepository
    place_names: dict[str, str]  # region code → the name people know
    inbox: Inbox

    def emit(self, event: DomainEvent) -> None: ...

    def commit(self) -> None: ...

    def __enter__(self) -> "NotificationsUnitOfWork": ...

    def __exit__(self, *exc_info) -> None: ...
