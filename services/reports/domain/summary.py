"""Plan-progress figures per region, counted from the events of registry and matching."""
from dataclasses import dataclass


@dataclass(frozen=True)
class RegionCounts:
    region: str
    organisations: int
    needs: int


@dataclass(frozen=True)
class Summary:
    regions: list[RegionCounts]

    @property
    def total_organisations(self) -> int:
        return sum(r.organisations for r in self.regions)

    @property
    def total_needs(self) -> int:
        return sum(r.needs for r in self.regions)


def summarise(organisations_by_region: dict[str, int], needs_by_region: dict[str, int]) -> Summary:
    regions = sorted(set(organisations_by_region) | set(needs_by_region))
    return Summary([RegionCounts(r, organisations_by_region.get(r, 0), needs_by_region.get(r, 0))
                    for r in regions])
