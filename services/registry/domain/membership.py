"""Neighbourhood associations (自治会・町内会): the towns each covers, its household figures over
time, and the membership rate (加入率) per association, region and city (P2.1.3).

Figures are never overwritten: each is recorded with the date it is true as of, and a rate "as
of" a day uses, per association, the latest figure of each kind at or before that day. Households
in the area come from the city's resident-register totals (operators); member households from
the association. No resident records are kept.

The rate has one owner, this module: after every change registry publishes its region rows for
each day the change may have moved (MembershipRateRecalculated), so a reader answering "as of D"
with the latest row at or before D gives registry's answer without computing it again.
"""
from dataclasses import dataclass
from datetime import date, datetime

from services.common.errors import INVALID_INPUT, ValidationFailed
from services.registry.contract.vocabulary import HOUSEHOLDS_IN_AREA, MEMBER_HOUSEHOLDS
from services.registry.domain.events import MembershipRateRecalculated, NewcomerInterestRegistered

# Areas are not dated, so a region's row before its first figure still counts its associations:
# a row recalculated "since ever" answers for every day before the first figure.
SINCE_EVER = date.min


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


def record_figure(*, figure_id: str, organisation_id: str, measure: str, value: int, as_of: date,
                  now: datetime, recorded_by: str) -> HouseholdFigure:
    if value < 0:
        raise ValidationFailed(INVALID_INPUT, {measure: ["0以上で入力してください / must not be "
                                                         "negative"]})
    if as_of > now.date():
        raise ValidationFailed(INVALID_INPUT, {"as_of": ["未来の日付は入力できません / as_of "
                                                         "cannot be in the future"]})
    return HouseholdFigure(figure_id, organisation_id, measure, value, as_of, now, recorded_by)


def set_area(organisation_id: str, region: str, towns: list[str], known_town) -> AssociationArea:
    towns = list(dict.fromkeys(" ".join(t.split()) for t in towns if t.strip()))
    unknown = [t for t in towns if not known_town(region, t)]
    if not towns or unknown:
        raise ValidationFailed(INVALID_INPUT, {"towns": [
            f"この地域の町名を1つ以上指定してください / towns of the region, at least one"
            + (f" (unknown: {', '.join(unknown)})" if unknown else "")]})
    return AssociationArea(organisation_id, region, tuple(towns))


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


def region_rate(region: str, as_of: date, areas: list[AssociationArea],
                figures: list[HouseholdFigure]) -> RegionRate:
    """The region's row of `membership_rates` on that day; zeros when no association is in it."""
    rows = membership_rates(as_of, [a for a in areas if a.region == region], {}, figures).regions
    return rows[0] if rows else _total(region, [])


def rate_recalculated(region: str, as_of: date, areas: list[AssociationArea],
                      figures: list[HouseholdFigure]) -> MembershipRateRecalculated:
    row = region_rate(region, as_of, areas, figures)
    return MembershipRateRecalculated(
        region=region, as_of=as_of.isoformat(), associations=row.associations,
        households_in_area=row.households_in_area, member_households=row.member_households,
        rate=row.rate)


def days_moved_by_figure(figure: HouseholdFigure, figures: list[HouseholdFigure]) -> list[date]:
    """A figure moves its region's row from its day on: its day and every later figure day of the
    region (so a backdated figure refreshes the rows already published after it)."""
    return sorted({figure.as_of} | {f.as_of for f in figures if f.as_of > figure.as_of})


def days_moved_by_area(figures: list[HouseholdFigure]) -> list[date]:
    """An area has no date: it moves the region's row on every day, i.e. since ever and on each
    figure day of the associations it concerns."""
    return sorted({SINCE_EVER} | {f.as_of for f in figures})


def newcomer_interest(*, interest_id: str, organisation_id: str, region: str, town: str,
                      consent: bool):
    if not consent:
        raise ValidationFailed(INVALID_INPUT, {"consent": [
            "自治会へ知らせるには同意が必要です / consent is needed to tell the association"]})
    return NewcomerInterestRegistered(interest_id=interest_id, organisation_id=organisation_id,
                                      region=region, town=town)
