"""Ranked, explained recommendations both ways, the fairness inputs behind them, and the
exposure report (who was shown, invited and matched, per age band and region)."""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.matching.app.ports import MatchingUnitOfWork
from services.matching.app.shown_candidates import SHOWN
from services.matching.app.talent_pool import NO_REGION, TalentPool, region_of, talent_pool
from services.matching.domain.ranking.fairness import Exposure
from services.matching.domain.ranking.pairwise import ScoredMatch, rank_opportunities
from services.matching.domain.ranking.talent_matrix import TalentMatrix
from services.matching.domain.ranking.vectorised import rank_candidates_in
from services.matching.domain.ranking.weights import CURRENT_WEIGHTS

# Invitations in this window push a person gently down and count towards exposure.
FAIRNESS_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class Candidate:
    match: ScoredMatch
    age_band: str
    home_region: str | None
    first_timer: bool


@dataclass(frozen=True)
class Opportunity:
    match: ScoredMatch
    need: object


@dataclass(frozen=True)
class ExposureRow:
    dimension: str  # age_band | region
    group: str
    pool: int
    shown: int
    invited: int
    matched: int


@dataclass(frozen=True)
class ExposureReport:
    since: datetime
    weights_version: str
    rows: list[ExposureRow]


def month_start(now: datetime) -> datetime:
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


class RankingContext:
    """Everyone's current profile with the fairness inputs, read in one unit of work."""

    def __init__(self, uow: MatchingUnitOfWork, now: datetime):
        self.pool = talent_pool(uow)
        self.hours = uow.matches.hours_since(month_start(now))
        self.invitations = uow.matches.invitations_since(now - FAIRNESS_WINDOW)
        self.exposure = exposure_of(self.pool, self.invitations)

    def profile(self, talent):
        return talent.profile(self.hours.get(talent.id, 0.0), self.invitations.get(talent.id, 0))

    def matrix(self) -> TalentMatrix:
        return self.pool.matrix.with_usage(self.hours, self.invitations)


def exposure_of(pool: TalentPool, invitations: dict[str, int]) -> Exposure:
    """Invitations per age band and home region beside each group's share of the pool."""
    invited_band, invited_region = Counter(), Counter()
    for talent_id, count in invitations.items():
        if (shown := pool.shown(talent_id)) is not None:
            age_band, home_region, _ = shown
            invited_band[age_band] += count
            invited_region[home_region or NO_REGION] += count
    return Exposure(invited_by_age_band=dict(invited_band), pool_by_age_band=pool.by_age_band,
                    invited_by_region=dict(invited_region), pool_by_region=pool.by_region)


def _owned_need(uow: MatchingUnitOfWork, actor: Actor, need_id: str):
    need = uow.needs.get(need_id)
    if need is None:
        raise NotFound(f"募集がありません / no need {need_id}")
    if not (actor.is_operator or (actor.role == "organisation" and actor.subject_id == need.organisation_id)):
        raise Forbidden("候補者を見られるのは募集した団体と運営者です / only the need's organisation and operators see its candidates")
    return need


def candidates(uow: MatchingUnitOfWork, actor: Actor, need_id: str, limit: int = 20) -> list[Candidate]:
    now = datetime.now(timezone.utc)
    with uow:
        need = _owned_need(uow, actor, need_id)
        context = RankingContext(uow, now)
        already = uow.matches.talents_for_need(need_id)
        if not context.pool:
            return []
        # Ranked over everyone, then those already matched to this need are left out.
        ranked = rank_candidates_in(context.matrix(), need.profile(), CURRENT_WEIGHTS, context.exposure,
                                    limit + len(already))
        ranked = [m for m in ranked if m.talent_id not in already][:limit]
    SHOWN.store(uow, [(m.talent_id, need_id, now) for m in ranked])
    return [Candidate(m, *context.pool.shown(m.talent_id)) for m in ranked]


def opportunities(uow: MatchingUnitOfWork, actor: Actor, talent_id: str, limit: int = 20) -> list[Opportunity]:
    if not (actor.is_operator or (actor.role == "citizen" and actor.subject_id == talent_id)):
        raise Forbidden("本人と運営者のみ / only the person and operators see their opportunities")
    now = datetime.now(timezone.utc)
    with uow:
        talent = uow.talents.get(talent_id)
        if talent is None:
            raise NotFound(f"プロフィールがありません / no talent {talent_id}")
        context = RankingContext(uow, now)
        taken = uow.matches.needs_for_talent(talent_id)
        open_needs = {n.id: n for n in uow.needs.open_needs() if n.id not in taken}
    ranked = rank_opportunities(context.profile(talent), [n.profile() for n in open_needs.values()],
                                CURRENT_WEIGHTS, context.exposure, limit)
    return [Opportunity(m, open_needs[m.need_id]) for m in ranked]


def exposure_report(uow: MatchingUnitOfWork, actor: Actor, days: int = 30) -> ExposureReport:
    if not actor.is_operator:
        raise Forbidden("運営者のみ / operators only")
    since = datetime.now(timezone.utc) - timedelta(days=days)
    with uow:
        talents = uow.talents.all()
        shown = uow.impressions.counts_since(since)
        invited = uow.matches.invitations_since(since)
        matched = uow.matches.matched_since(since)
    rows = []
    for dimension, key in (("age_band", lambda t: t.age_band),
                           ("region", region_of)):
        groups: dict[str, list[int]] = {}
        for talent in talents:
            totals = groups.setdefault(key(talent), [0, 0, 0, 0])
            totals[0] += 1
            totals[1] += shown.get(talent.id, 0)
            totals[2] += invited.get(talent.id, 0)
            totals[3] += matched.get(talent.id, 0)
        rows.extend(ExposureRow(dimension, group, *totals) for group, totals in sorted(groups.items()))
    return ExposureReport(since, CURRENT_WEIGHTS.version, rows)

