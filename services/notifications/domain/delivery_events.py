"""Events a delivery raises when its outcome is final: ids and counts, never an address."""
from dataclasses import dataclass

from services.common.domain_events import DomainEvent


@dataclass(frozen=True)
class DeliveryDelivered(DomainEvent):
    type = "notifications.delivered"
    delivery_id: str
    source_id: str  # the event (or confirmation) it came from
    channel: str
    kind: str
    attempts: int
    finished_at: str  # ISO 8601, UTC


@dataclass(frozen=True)
class DeliveryFailed(DomainEvent):
    type = "notifications.delivery_failed"
    delivery_id: str
    source_id: str
    channel: str
    kind: str
    attempts: int
    finished_at: str
