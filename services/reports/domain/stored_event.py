"""An event as reports keeps it: the producer's payload as it arrived (read again through the
tolerant readers on replay), with its id, type, version and when it happened."""
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class StoredEvent:
    event_id: str
    type: str
    version: int
    occurred_at: datetime
    payload: dict[str, Any]
