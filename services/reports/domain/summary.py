"""Plan-progress figures per region, counted from the events of registry and matching."""
from dataclasses import dataclass


@dataclass(frozen=True)
class RegionCounts:
    region: str
    organisations: int
    needs: int
    verified_organisations: int = 0


@dataclass(frozen=True)
class Summary:
    regions: list[RegionCounts]

    @property
    def total_organisations(self) -> int:
        return sum(r.organisations for r in self.regions)

    @property
    def total_needs(self) -> int:
        return sum(r.needs for r in self.regions)


def summarise(organisations_by_region: dict[str, int], needs_by_region: dict[str, int],
              verified_by_region: dict[str, int] | None = None) -> Summary:
    """Organisations counts every registration (pending and rejected too); verified the
    directory's share of them."""
    verified_by_region = verified_by_region or {}
    regions = sorted(set(organisations_by_region) | set(needs_by_region))
    return Summary([RegionCounts(r, organisations_by_region.get(r, 0), needs_by_region.get(r, 0),
                                 verified_by_region.get(r, 0))
                    for r in regions])
