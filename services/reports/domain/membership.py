"""Neighbourhood-association figures per region, from registry's events (P2.1.3 progress):
the membership rate from the latest figures at or before a day, and newcomers introduced."""
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Figure:
    organisation_id: str
    region: str
    measure: str
    value: int
    as_of: date


@dataclass(frozen=True)
class RegionMembership:
    region: str
    associations: int
    households_in_area: int
    member_households: int
    newcomer_interests: int

    @property
    def rate(self) -> float | None:
        if not self.households_in_area:
            return None
        return round(self.member_households / self.households_in_area, 4)


def per_region(as_of: date, figures: list[Figure],
               interests: dict[str, int]) -> list[RegionMembership]:
    latest: dict[tuple[str, str], Figure] = {}
    for figure in figures:
        if figure.as_of <= as_of:
            key = (figure.organisation_id, figure.measure)
            if key not in latest or figure.as_of >= latest[key].as_of:
                latest[key] = figure
    organisations = {(f.organisation_id, f.region) for f in latest.values()}
    rows = []
    for region in sorted({r for _, r in organisations} | set(interests)):
        complete = [o for o, r in organisations if r == region
                    and (o, "households_in_area") in latest and (o, "member_households") in latest]
        rows.append(RegionMembership(
            region, len({o for o, r in organisations if r == region}),
            sum(latest[(o, "households_in_area")].value for o in complete),
            sum(latest[(o, "member_households")].value for o in complete),
            interests.get(region, 0)))
    return rows
