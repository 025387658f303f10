"""Participation in gatherings, per gathering and per region for one fiscal year (P2.1.2)."""
from dataclasses import dataclass, field
from datetime import date

COUNTS = ("signed_up", "attended", "youth_attended", "first_timers_attended", "ideas", "follow_ups")


@dataclass
class GatheringRow:
    gathering_id: str
    organiser_id: str
    kind: str
    region: str
    held_on: date
    capacity: int = 0
    signed_up: int = 0
    attended: int = 0
    youth_attended: int = 0
    first_timers_attended: int = 0
    ideas: int = 0
    follow_ups: int = 0


@dataclass(frozen=True)
class RegionTotals:
    region: str
    gatherings: int
    counts: dict[str, int]

    @property
    def youth_share(self) -> float | None:
        attended = self.counts["attended"]
        return round(self.counts["youth_attended"] / attended, 4) if attended else None


@dataclass(frozen=True)
class Participation:
    fiscal_year: int
    gatherings: list[GatheringRow]
    regions: list[RegionTotals] = field(default_factory=list)


def participation(fiscal_year: int, rows: list[GatheringRow]) -> Participation:
    by_region: dict[str, list[GatheringRow]] = {}
    for row in rows:
        by_region.setdefault(row.region, []).append(row)
    regions = [RegionTotals(region, len(found), {c: sum(getattr(r, c) for r in found) for c in COUNTS})
               for region, found in sorted(by_region.items())]
    return Participation(fiscal_year, sorted(rows, key=lambda r: (r.held_on, r.gathering_id)), regions)
