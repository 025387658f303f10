"""Batch assignment (operator): the highest-scoring set of proposals over open needs and
available talents (min-cost flow, services/matching/domain/assignment.py), proposed as matches.

A preview solves the same way and changes nothing; its digest names exactly which pairs it
would propose. Applying with that digest as `expected_digest` proposes them only if the solve
still gives the same pairs (Conflict otherwise), so an operator never confirms an assignment
other than the one they looked at."""
import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden
from services.matching.app.ports import MatchFilter, MatchingUnitOfWork
from services.matching.app.recommendations import RankingContext
from services.matching.domain import match as matches
from services.matching.domain.assignment import propose_assignment
from services.matching.domain.match import ACTIVE, COMPLETED, OPERATOR, WAITLISTED, Match
from services.matching.domain.ranking.weights import CURRENT_WEIGHTS

MAX_MATCHES_READ_PER_NEED = 10_000


@dataclass(frozen=True)
class Assignment:
    weights_version: str
    total_score: float
    proposals: list[Match]
    preview: bool = False
    digest: str = ""


CHANGED_SINCE_PREVIEW = ("確認後にデータが変わり、割り当てが変わりました。もう一度確認してください / "
                         "the data changed since the preview and so did the assignment: preview again")


def assignment_digest(weights_version: str, pairs) -> str:
    """Which (need, talent, score) pairs an assignment proposes, order aside, as 64 hex digits."""
    lines = sorted(f"{need_id}:{talent_id}:{score:.6f}" for need_id, talent_id, score in pairs)
    return hashlib.sha256("\n".join([weights_version, *lines]).encode()).hexdigest()


def _places_left(uow: MatchingUnitOfWork, need) -> int:
    taken = [m for m in uow.matches.list(MatchFilter(need_id=need.id, limit=MAX_MATCHES_READ_PER_NEED))
             if (m.status in ACTIVE and m.status != WAITLISTED) or m.status == COMPLETED]
    return need.slots - len(taken)


def assign(uow: MatchingUnitOfWork, actor: Actor, request_id: str, need_ids: list[str] | None = None,
           max_needs_per_talent: int = 1, preview: bool = False,
           expected_digest: str | None = None) -> Assignment:
    if not actor.is_operator:
        raise Forbidden("一括割り当ては運営者のみ / only operators run batch assignment")
    now = datetime.now(timezone.utc)
    namespace = uuid.UUID(request_id)
    with uow:
        context = RankingContext(uow, now)
        wanted = set(need_ids or ())
        open_needs = {n.id: n for n in uow.needs.open_needs() if not wanted or n.id in wanted}
        profiles = []
        for need in open_needs.values():
            left = _places_left(uow, need)
            if left > 0:
                profile = need.profile()
                profiles.append(type(profile)(**{**profile.__dict__, "slots": left}))
        solved = propose_assignment(profiles, context.matrix(), CURRENT_WEIGHTS, context.exposure,
                                    max_needs_per_talent) if profiles and context.pool else []
        created, fresh = [], []
        for proposal in solved:
            match_id = str(uuid.uuid5(namespace, f"{proposal.need_id}:{proposal.talent_id}"))
            existing = uow.matches.get(match_id)
            if existing is not None:  # a retried request
                created.append(existing)
                continue
            if uow.matches.active_for_pair(proposal.need_id, proposal.talent_id) is not None:
                continue
            match = matches.propose(match_id=match_id, need=open_needs[proposal.need_id],
                                    talent_id=proposal.talent_id, proposed_by=OPERATOR,
                                    score=proposal.score, weights_version=proposal.weights_version, now=now)
            fresh.append(match)
            created.append(match)
        digest = assignment_digest(CURRENT_WEIGHTS.version,
                                   [(m.need_id, m.talent_id, m.score or 0) for m in created])
        if not preview:
            # A retried request finds its own matches and so the same digest.
            if expected_digest is not None and expected_digest != digest:
                raise Conflict(CHANGED_SINCE_PREVIEW, {"expected_digest": [CHANGED_SINCE_PREVIEW]})
            for match in fresh:
                uow.matches.add(match)
            uow.commit()
    return Assignment(CURRENT_WEIGHTS.version, round(sum(m.score or 0 for m in created), 6), created,
                      preview, digest)
