"""The unit-of-work port the app layer sees: repositories, an inbox, events to emit, commit.

Framework-free: adapters implement it over SQLAlchemy, tests over plain dicts.

An aggregate keeps the events it raises in its `events` list. Repositories attached with
`track` hand every aggregate given to `add` or `save` to the unit of work, which takes its
events at commit: a use case saves what it changed and never copies events by hand.
"""
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from services.common.correlation import current_correlation_id
from services.common.domain_events import DomainEvent
from services.common.tracing import current_traceparent

Repository = TypeVar("Repository")

# The repository methods that persist an aggregate passed as their first argument.
WRITES = frozenset({"add", "save"})


class Inbox(Protocol):
    def already_processed(self, message_id: str) -> bool: ...

    def mark_processed(self, message_id: str, message_type: str,
                       municipality_code: str | None = None) -> None: ...

    def processed_among(self, message_ids: list[str]) -> set[str]: ...

    def mark_all_processed(self, messages: list["ProcessedMessage"]) -> None: ...


@dataclass(frozen=True)
class ProcessedMessage:
    """An inbox row: the message id, its type and the municipality its envelope named."""
    message_id: str
    type: str
    municipality_code: str | None = None


@dataclass(frozen=True)
class StagedEvent:
    """An event with the ids of the work that raised it: one batch of consumed events commits
    in one transaction, yet each outgoing event names the message that caused it and keeps the
    trace it was raised in."""
    event: DomainEvent
    causation_id: str | None
    correlation_id: str | None
    traceparent: str | None = None


class UnitOfWork:
    """Collects the events a use case raises; they commit with its state change or not at all."""

    inbox: Inbox
    causation_id: str | None

    def __enter__(self):
        self.pending_events: list[DomainEvent] = []
        # By identity, in the order first seen: a membership test per write over a list made a
        # unit of work that writes many aggregates quadratic (20,000 talents in one took 179 s here).
        self._seen: dict[int, Any] = {}
        self._staged: list[StagedEvent] = []
        self.causation_id = None
        return self

    def __exit__(self, *exc_info):
        self.rollback()
        self._seen = {}
        self._staged = []

    def track(self, repository: Repository) -> Repository:
        """The repository, with its writes reporting their aggregate to this unit of work."""
        return _TrackedRepository(repository, self)  # type: ignore[return-value]

    def emit(self, event: DomainEvent) -> None:
        """For events no aggregate carries (a fact about a use case, not about one object)."""
        self.pending_events.append(event)

    def commit(self) -> None:
        self.stage_events()
        staged, self._staged = self._staged, []
        self._commit(staged)

    def stage_events(self) -> None:
        """Bind the events raised so far to the current causation and correlation ids; they
        are written at the next commit."""
        correlation_id = current_correlation_id.get()
        traceparent = current_traceparent()
        self._staged.extend(StagedEvent(event, self.causation_id, correlation_id, traceparent)
                            for event in [*self.pending_events, *self._collect_aggregate_events()])
        self.pending_events = []

    def _see(self, aggregate: Any) -> None:
        if isinstance(getattr(aggregate, "events", None), list):
            self._seen.setdefault(id(aggregate), aggregate)  # held here, so its id is not reused

    def _collect_aggregate_events(self) -> list[DomainEvent]:
        events = []
        for aggregate in self._seen.values():
            events.extend(aggregate.events)
            aggregate.events.clear()
        self._seen = {}
        return events

    def _commit(self, events: list[StagedEvent]) -> None:
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError


class _TrackedRepository:
    """Delegates everything; `add`/`save` also tell the unit of work what they persisted."""

    def __init__(self, repository: Any, uow: UnitOfWork):
        self._repository = repository
        self._uow = uow

    def __getattr__(self, name: str):
        attribute = getattr(self._repository, name)
        if name not in WRITES:
            return attribute

        def write(aggregate, *args, **kwargs):
            result = attribute(aggregate, *args, **kwargs)
            self._uow._see(aggregate)
            return result
        return write


class MemoryInbox:
    def __init__(self):
        self.processed: dict[str, str] = {}

    def already_processed(self, message_id: str) -> bool:
        return message_id in self.processed

    def mark_processed(self, message_id: str, message_type: str,
                       municipality_code: str | None = None) -> None:
        self.processed[message_id] = message_type

    def processed_among(self, message_ids: list[str]) -> set[str]:
        return {m for m in message_ids if m in self.processed}

    def mark_all_processed(self, messages: list[ProcessedMessage]) -> None:
        for message in messages:
            self.mark_processed(message.message_id, message.type, message.municipality_code)


class MemoryUnitOfWork(UnitOfWork):
    """Base of the in-memory fakes: committed events land in `published`."""

    def __init__(self):
        self.inbox = MemoryInbox()
        self.published: list[DomainEvent] = []
        self.commits = 0

    def _commit(self, events):
        self.published.extend(staged.event for staged in events)
        self.commits += 1

    def rollback(self):
        self.pending_events = []
        self._staged = []
