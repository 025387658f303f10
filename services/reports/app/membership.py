"""Reports use cases for neighbourhood-association membership: registry's rate snapshots and
the newcomers who asked to be introduced."""
from dataclasses import dataclass
from datetime import date, datetime, timezone

from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.membership import RateSnapshot, RegionMembership, per_region


@dataclass(frozen=True)
class MembershipQuery:
    region: str | None = None
    as_of: date | None = None


def on_membership_rate_recalculated(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.membership.record_snapshot(RateSnapshot(
        region=payload["region"], as_of=payload["as_of"], associations=payload["associations"],
        households_in_area=payload["households_in_area"],
        member_households=payload["member_households"], rate=payload["rate"]))


def on_newcomer_interest_registered(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.membership.record_interest(payload["interest_id"], payload["organisation_id"],
                                   payload["region"])


def membership(uow: ReportsUnitOfWork,
               query: MembershipQuery) -> tuple[date, list[RegionMembership]]:
    as_of = query.as_of or datetime.now(timezone.utc).date()
    with uow:
        snapshots = uow.membership.snapshots_until(as_of, query.region)
        interests = uow.membership.interests_by_region(query.region)
    return as_of, per_region(as_of, snapshots, interests)
