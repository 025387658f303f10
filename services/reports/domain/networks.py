"""Network figures (P1.1.2): ties by kind and how many organisations work with another."""
from dataclasses import dataclass


@dataclass(frozen=True)
class NetworkFigures:
    ties_by_kind: dict[str, int]
    connected_organisations: int
    roster_entries_by_role: dict[str, int]
    organisations_with_rosters: int

    @property
    def ties(self) -> int:
        return sum(self.ties_by_kind.values())


def figures(ties: list[tuple[str, str, str]],
            roster: list[tuple[str, str]]) -> NetworkFigures:
    """ties: (organisation_id, related_organisation_id, kind); roster: (organisation_id, role)."""
    by_kind: dict[str, int] = {}
    connected: set[str] = set()
    for organisation_id, related_id, kind in ties:
        by_kind[kind] = by_kind.get(kind, 0) + 1
        connected |= {organisation_id, related_id}
    by_role: dict[str, int] = {}
    for _, role in roster:
        by_role[role] = by_role.get(role, 0) + 1
    return NetworkFigures(by_kind, len(connected), by_role, len({o for o, _ in roster}))
