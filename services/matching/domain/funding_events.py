"""Events funding opportunities and applications raise: ids, codes, dates and amounts only."""
from dataclasses import dataclass

from services.common.domain_events import DomainEvent


@dataclass(frozen=True)
class FundingOpportunityPublished(DomainEvent):
    type = "matching.funding_opportunity_published"
    opportunity_id: str
    programme: str
    funder: str
    opens_on: str
    closes_on: str
    amount_min_yen: int
    amount_max_yen: int
    regions: list[str]


@dataclass(frozen=True)
class FundingWindowOpened(DomainEvent):
    """Once per opportunity, naming the organisations eligible when its window opened."""
    type = "matching.funding_window_opened"
    opportunity_id: str
    programme: str
    closes_on: str
    organisation_ids: list[str]


@dataclass(frozen=True)
class FundingClosingSoon(DomainEvent):
    """Once per opportunity, for eligible organisations that have not applied yet."""
    type = "matching.funding_closing_soon"
    opportunity_id: str
    programme: str
    closes_on: str
    organisation_ids: list[str]


@dataclass(frozen=True)
class _ApplicationEvent(DomainEvent):
    application_id: str
    opportunity_id: str
    organisation_id: str
    programme: str
    region: str
    applied_on: str


@dataclass(frozen=True)
class FundingApplied(_ApplicationEvent):
    type = "matching.funding_applied"


@dataclass(frozen=True)
class FundingResultRecorded(_ApplicationEvent):
    type = "matching.funding_result_recorded"
    result: str
    amount_yen: int
