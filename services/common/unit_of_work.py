"""The unit-of-work port the app layer sees: repositories, an inbox, events to emit, commit.

Framework-free: adapters implement it over SQLAlchemy, tests over plain dicts.
"""
from typing import Protocol

from services.common.domain_events import DomainEvent


class Inbox(Protocol):
    def already_processed(self, message_id: str) -> bool: ...

    def mark_processed(self, message_id: str, message_type: str) -> None: ...


class UnitOfWork:
    """Collects the events a use case raises; they commit with its state change or not at all."""

    inbox: Inbox

    def __enter__(self):
        self.pending_events: list[DomainEvent] = []
        self.causation_id: str | None = None
        return self

    def __exit__(self, *exc_info):
        self.rollback()

    def emit(self, event: DomainEvent) -> None:
        self.pending_events.append(event)

    def commit(self) -> None:
        self._commit(self.pending_events)
        self.pending_events = []

    def _commit(self, events: list[DomainEvent]) -> None:
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError


class MemoryInbox:
    def __init__(self):
        self.processed: dict[str, str] = {}

    def already_processed(self, message_id: str) -> bool:
        return message_id in self.processed

    def mark_processed(self, message_id: str, message_type: str) -> None:
        self.processed[message_id] = message_type


class MemoryUnitOfWork(UnitOfWork):
    """Base of the in-memory fakes: committed events land in `published`."""

    def __init__(self):
        self.inbox = MemoryInbox()
        self.published: list[DomainEvent] = []
        self.commits = 0

    def _commit(self, events):
        self.published.extend(events)
        self.commits += 1

    def rollback(self):
        self.pending_events = []
