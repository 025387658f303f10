"""The base of every domain event: a plain dataclass naming its type and version.

Domain code raises events; the unit of work wraps them in the envelope and writes them
to the outbox in the same transaction as the state change.
"""
from dataclasses import asdict, dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class DomainEvent:
    type: ClassVar[str]
    version: ClassVar[int] = 1

    def payload(self) -> dict[str, Any]:
        return asdict(self)
