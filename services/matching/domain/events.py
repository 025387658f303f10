"""Events matching raises. Ids and public facts only."""
from dataclasses import dataclass

from services.common.domain_events import DomainEvent


@dataclass(frozen=True)
class NeedPosted(DomainEvent):
    type = "matching.need_posted"
    need_id: str
    organisation_id: str
    title: str
    kind: str
    region: str
    fields: list[str]
    slots: int
