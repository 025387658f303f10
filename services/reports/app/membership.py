"""Reports use cases for neighbourhood-association membership, from registry's events."""
from dataclasses import dataclass
from datetime import date, datetime, timezone

from services.reports.domain.membership import Figure, RegionMembership, per_region


@dataclass(frozen=True)
class MembershipQuery:
    region: str | None = None
    as_of: date | None = None


def on_household_figure_recorded(uow, payload: dict) -> None:
    as_of = payload["as_of"]
    uow.membership.record_figure(Figure(
        str(payload["organisation_id"]), payload["region"], payload["measure"],
        int(payload["value"]), as_of if isinstance(as_of, date) else date.fromisoformat(as_of)))


def on_newcomer_interest_registered(uow, payload: dict) -> None:
    uow.membership.record_interest(str(payload["interest_id"]), str(payload["organisation_id"]),
                                   payload["region"])


def on_association_area_set(uow, payload: dict) -> None:
    """Areas matter to registry's own rate; reports counts associations by their figures."""


def membership(uow, query: MembershipQuery) -> tuple[date, list[RegionMembership]]:
    as_of = query.as_of or datetime.now(timezone.utc).date()
    with uow:
        figures = uow.membership.figures_until(as_of, query.region)
        interests = uow.membership.interests_by_region(query.region)
    return as_of, per_region(as_of, figures, interests)


EVENT_HANDLERS = {
    "registry.household_figure_recorded": on_household_figure_recorded,
    "registry.newcomer_interest_registered": on_newcomer_interest_registered,
    "registry.association_area_set": on_association_area_set,
}
