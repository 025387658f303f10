"""Neighbourhood-association membership per region (P2.1.3 progress): registry's rate beside the
newcomers who asked to be introduced.

Registry owns the membership rate and its rule. Reports keeps registry's answers, one snapshot
per region and day, and never recomputes them: registry sends a snapshot for every day its
answer may change, so the latest snapshot at or before a day is registry's answer as of it.
"""
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RateSnapshot:
    region: str
    as_of: date
    associations: int
    households_in_area: int
    member_households: int
    rate: float | None


@dataclass(frozen=True)
class RegionMembership:
    region: str
    associations: int
    households_in_area: int
    member_households: int
    rate: float | None
    newcomer_interests: int


def latest_per_region(snapshots: list[RateSnapshot], as_of: date) -> dict[str, RateSnapshot]:
    latest: dict[str, RateSnapshot] = {}
    for snapshot in snapshots:
        if snapshot.as_of <= as_of and (snapshot.region not in latest
                                        or snapshot.as_of > latest[snapshot.region].as_of):
            latest[snapshot.region] = snapshot
    return latest


def per_region(as_of: date, snapshots: list[RateSnapshot],
               interests: dict[str, int]) -> list[RegionMembership]:
    """A region with newcomer interests but no snapshot yet shows zeros and no rate."""
    latest = latest_per_region(snapshots, as_of)
    rows = []
    for region in sorted(set(latest) | set(interests)):
        snapshot = latest.get(region) or RateSnapshot(region, as_of, 0, 0, 0, None)
        rows.append(RegionMembership(region, snapshot.associations, snapshot.households_in_area,
                                     snapshot.member_households, snapshot.rate,
                                     interests.get(region, 0)))
    return rows
