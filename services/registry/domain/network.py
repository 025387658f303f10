"""Networks between organisations (P1.1.2): declared ties, and the neighbourhood of an
organisation to a given depth (breadth first over ties in both directions)."""
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from services.common.errors import INVALID_INPUT, ValidationFailed
from services.registry.contract.vocabulary import TIE_KINDS
from services.registry.domain.events import OrganisationTieDeclared, OrganisationTieRemoved


@dataclass(frozen=True)
class Tie:
    id: str
    organisation_id: str
    related_organisation_id: str
    kind: str
    declared_at: datetime
    declared_by: str = ""


def declare(*, tie_id: str, organisation_id: str, related_organisation_id: str, kind: str,
            now: datetime, declared_by: str) -> tuple[Tie, OrganisationTieDeclared]:
    if kind not in TIE_KINDS:
        raise ValidationFailed(INVALID_INPUT, {"kind": [
            f"つながりの種類が不正です / kind one of {', '.join(TIE_KINDS)}"]})
    if organisation_id == related_organisation_id:
        raise ValidationFailed(INVALID_INPUT, {"related_organisation_id": [
            "自団体とはつながれません / an organisation cannot tie to itself"]})
    tie = Tie(tie_id, organisation_id, related_organisation_id, kind, now, declared_by)
    return tie, OrganisationTieDeclared(tie_id=tie_id, organisation_id=organisation_id,
                                        related_organisation_id=related_organisation_id,
                                        kind=kind)


def removed(tie: Tie) -> OrganisationTieRemoved:
    return OrganisationTieRemoved(tie_id=tie.id, organisation_id=tie.organisation_id,
                                  related_organisation_id=tie.related_organisation_id,
                                  kind=tie.kind)


def neighbourhood(start: str, ties_of, depth: int) -> tuple[dict[str, int], list[Tie]]:
    """Distances from `start` (0 for itself) and the ties among what was reached.
    `ties_of(ids)` returns every tie touching any of the ids."""
    distance = {start: 0}
    seen_ties: dict[str, Tie] = {}
    frontier = deque([start])
    for level in range(1, depth + 1):
        if not frontier:
            break
        ids = list(frontier)
        frontier = deque()
        for tie in ties_of(ids):
            seen_ties[tie.id] = tie
            for other in (tie.organisation_id, tie.related_organisation_id):
                if other not in distance:
                    distance[other] = level
                    frontier.append(other)
    edges = [t for t in seen_ties.values()
             if t.organisation_id in distance and t.related_organisation_id in distance]
    return distance, sorted(edges, key=lambda t: (t.declared_at, t.id))
