"""Events registry raises. Ids and facts only: names and contacts are fetched by RPC."""
from dataclasses import dataclass

from services.common.domain_events import DomainEvent


@dataclass(frozen=True)
class OrganisationRegistered(DomainEvent):
    type = "registry.organisation_registered"
    organisation_id: str
    kind: str
    region: str
    fields: list[str]
    status: str
