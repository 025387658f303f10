"""Neighbourhood associations (自治会・町内会): the towns each covers, its household figures over
time, and the membership rate (加入率) per association, region and city (P2.1.3).

Figures are never overwritten: each is recorded with the date it is true as of, and a rate "as
of" a day uses, per association, the latest figure of each kind at or before that day. Households
in the area come from the city's resident-register totals (operators); member households from
the association. No resident records are kept.
"""
from dataclasses import dataclass
from datetime import date, datetime

from services.common.errors import INVALID_INPUT, ValidationFailed
from services.registry.domain.events import (AssociationAreaSet, HouseholdFigureRecorded,
                                             NewcomerInterestRegistered)

HOUSEHOLDS_IN_AREA = "households_in_area"
MEMBER_HOUSEHOLDS = "member_households"
MEASURES = (HOUSEHOLDS_IN_AREA, MEMBER_HOUSEHOLDS)


@dataclass(frozen=True)
class HouseholdFigure:
    id: str
    organisation_id: str
    measure: str
    value: int
    as_of: date
    recorded_at: datetime
    recorded_by: str = ""


@dataclass(frozen=True)
class AssociationArea:
    organisation_id: str
    region: str
    towns: tuple[str, ...]


@dataclass(frozen=True)
class Rate:
    """The numbers behind a rate; rate is None when households are unknown or zero."""
    households_in_area: int
    member_households: int

    @property
    def rate(self) -> float | None:
        if not self.households_in_area:
            return None
        return round(self.member_households / self.households_in_area, 4)


@dataclass(frozen=True)
class AssociationRate:
    organisation_id: str
    name: str
    region: str
    towns: tuple[str, ...]
    households_in_area: int | None
    households_as_of: date | None
    member_households: int | None
    members_as_of: date | None

    @property
    def complete(self) -> bool:
        return self.households_in_area is not None and self.member_households is not None

    @property
    def rate(self) -> float | None:
        if not self.complete:
            return None
        return Rate(self.households_in_area, self.member_households).rate


@dataclass(frozen=True)
class RegionRate:
    region: str
    associations: int
    counted: int  # associations with both figures, the only ones in the sums
    households_in_area: int
    member_households: int

    @property
    def rate(self) -> float | None:
        return Rate(self.households_in_area, self.member_households).rate


@dataclass(frozen=True)
class MembershipRates:
    as_of: date
    associations: list[AssociationRate]
    regions: list[RegionRate]
    city: RegionRate


def record_figure(*, figure_id: str, organisation_id: str, region: str, measure: str, value: int,
                  as_of: date, now: datetime, recorded_by: str):
    if value < 0:
        raise ValidationFailed(INVALID_INPUT, {measure: ["0以上で入力してください / must not be "
                                                         "negative"]})
    if as_of > now.date():
        raise ValidationFailed(INVALID_INPUT, {"as_of": ["未来の日付は入力できません / as_of "
                                                         "cannot be in the future"]})
    figure = HouseholdFigure(figure_id, organisation_id, measure, value, as_of, now, recorded_by)
    event = HouseholdFigureRecorded(organisation_id=organisation_id, region=region,
                                    measure=measure, value=value, as_of=as_of.isoformat())
    return figure, event


def set_area(organisation_id: str, region: str, towns: list[str], known_town) -> tuple:
    towns = list(dict.fromkeys(" ".join(t.split()) for t in towns if t.strip()))
    unknown = [t for t in towns if not known_town(region, t)]
    if not towns or unknown:
        raise ValidationFailed(INVALID_INPUT, {"towns": [
            f"この地域の町名を1つ以上指定してください / towns of the region, at least one"
            + (f" (unknown: {', '.join(unknown)})" if unknown else "")]})
    area = AssociationArea(organisation_id, region, tuple(towns))
    return area, AssociationAreaSet(organisation_id=organisation_id, region=region,
                                    towns=list(towns))


def latest(figures: list[HouseholdFigure], as_of: date) -> dict[tuple[str, str], HouseholdFigure]:
    """Per (association, measure), the figure in force on `as_of`."""
    chosen: dict[tuple[str, str], HouseholdFigure] = {}
    for figure in figures:
        if figure.as_of > as_of:
            continue
        key = (figure.organisation_id, figure.measure)
        current = chosen.get(key)
        if current is None or (figure.as_of, figure.recorded_at) > (current.as_of,
                                                                    current.recorded_at):
            chosen[key] = figure
    return chosen


def membership_rates(as_of: date, areas: list[AssociationArea], names: dict[str, str],
                     figures: list[HouseholdFigure]) -> MembershipRates:
    chosen = latest(figures, as_of)
    rows = []
    for area in sorted(areas, key=lambda a: (a.region, names.get(a.organisation_id, ""))):
        households = chosen.get((area.organisation_id, HOUSEHOLDS_IN_AREA))
        members = chosen.get((area.organisation_id, MEMBER_HOUSEHOLDS))
        rows.append(AssociationRate(
            organisation_id=area.organisation_id, name=names.get(area.organisation_id, ""),
            region=area.region, towns=area.towns,
            households_in_area=households.value if households else None,
            households_as_of=households.as_of if households else None,
            member_households=members.value if members else None,
            members_as_of=members.as_of if members else None))
    regions = [_total(region, [r for r in rows if r.region == region])
               for region in sorted({r.region for r in rows})]
    return MembershipRates(as_of, rows, regions, _total("city", rows))


def _total(region: str, rows: list[AssociationRate]) -> RegionRate:
    counted = [r for r in rows if r.complete]
    return RegionRate(region, len(rows), len(counted),
                      sum(r.households_in_area for r in counted),
                      sum(r.member_households for r in counted))


def newcomer_interest(*, interest_id: str, organisation_id: str, region: str, town: str,
                      consent: bool):
    if not consent:
        raise ValidationFailed(INVALID_INPUT, {"consent": [
            "自治会へ知らせるには同意が必要です / consent is needed to tell the association"]})
    return NewcomerInterestRegistered(interest_id=interest_id, organisation_id=organisation_id,
                                      region=region, town=town)
