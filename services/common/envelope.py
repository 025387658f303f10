"""The one envelope every event travels in (DESIGN.md, "Events")."""
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Envelope:
    type: str
    version: int
    producer: str
    payload: dict[str, Any]
    correlation_id: str
    causation_id: str | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: str = field(default_factory=utc_now_iso)
    # The producing city's 全国地方公共団体コード (services/common/municipality.py); added in
    # release 12, so envelopes from before it have none.
    municipality_code: str | None = None

    def as_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: its deep copy of the payload was a third of a commit's cost.
        return {"type": self.type, "version": self.version, "producer": self.producer,
                "payload": dict(self.payload), "correlation_id": self.correlation_id,
                "causation_id": self.causation_id, "id": self.id, "occurred_at": self.occurred_at,
                "municipality_code": self.municipality_code}
