"""Rank talents for a need, or needs for a talent: hard constraints first, then a weighted score
with a per-factor breakdown and a one-line explanation.

This is the reference scorer, one pair at a time. `vectorised` computes the same numbers
over a `TalentMatrix`; the tests hold the two equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from .breakdown import (
    CapacityFit,
    InterestFit,
    RegionFit,
    RegionVia,
    ScheduleFit,
    ScoreBreakdown,
    SkillFit,
    SkillLevelMatch,
)
from .explanation import explain_en, explain_ja
from .fairness import NO_EXPOSURE, Exposure, fairness_adjustment
from .profiles import NeedProfile, TalentProfile
from .weights import RankingWeights

# A need that names no field says nothing about interest fit: neither reward nor punish.
NEUTRAL_INTEREST = 0.5


class Ineligible(StrEnum):
    """Why a pair is never ranked (the hard constraints)."""

    MISSING_REQUIRED_SKILL = "missing_required_skill"
    MONTHLY_HOURS_REACHED = "monthly_hours_reached"
    NO_SCHEDULE_OVERLAP = "no_schedule_overlap"


@dataclass(frozen=True)
class ScoredMatch:
    need_id: str
    talent_id: str
    score: float
    weights_version: str
    breakdown: ScoreBreakdown

    @property
    def explanation_ja(self) -> str:
        return explain_ja(self.breakdown)

    def explain_ja(self, place_names: Mapping[str, str]) -> str:
        """The Japanese line with region names instead of codes."""
        return explain_ja(self.breakdown, place_names)

    @property
    def explanation_en(self) -> str:
        return explain_en(self.breakdown)


def overlap_hours(need: NeedProfile, talent: TalentProfile) -> float | None:
    """Hours of the need's occurrences the talent is available for; None for a flexible need."""
    if not need.schedule:
        return None
    overlap = 0.0
    for occurrence in need.schedule:
        if talent.is_available(occurrence.on, occurrence.band):
            overlap += occurrence.hours
    return overlap


def ineligibility(need: NeedProfile, talent: TalentProfile) -> Ineligible | None:
    if any(talent.skills.get(code, 0) < level for code, level in need.required_skills.items()):
        return Ineligible.MISSING_REQUIRED_SKILL
    if talent.remaining_hours <= 0:
        return Ineligible.MONTHLY_HOURS_REACHED
    overlap = overlap_hours(need, talent)
    if overlap is not None and overlap <= 0:
        return Ineligible.NO_SCHEDULE_OVERLAP
    return None


def _skill_fit(need: NeedProfile, talent: TalentProfile, weight: float) -> SkillFit:
    levels = [
        SkillLevelMatch(code, wanted[code], talent.skills.get(code, 0), required)
        for wanted, required in ((need.required_skills, True), (need.preferred_skills, False))
        for code in sorted(wanted)
    ]
    # Required skills are met (hard constraint) and earn full credit; a preferred skill held
    # below the wanted level earns partial credit.
    credit = 0.0
    for match in levels:
        credit += 1.0 if match.required else min(1.0, match.held / match.wanted)
    value = credit / len(levels) if levels else 1.0
    return SkillFit(tuple(levels), value, value * weight)


def _interest_fit(need: NeedProfile, talent: TalentProfile, weight: float) -> InterestFit:
    matched = tuple(sorted(need.fields & talent.interests))
    value = len(matched) / len(need.fields) if need.fields else NEUTRAL_INTEREST
    return InterestFit(matched, len(need.fields), value, value * weight)


def _region_fit(need: NeedProfile, talent: TalentProfile, weight: float) -> RegionFit:
    via: RegionVia
    if need.region is not None and need.region in talent.regions:
        via = "same" if talent.home_region == need.region else "reachable"
    elif need.online and talent.online:
        via = "online"
    else:
        via = "none"
    value = 0.0 if via == "none" else 1.0
    return RegionFit(via, need.region, value, value * weight)


def _schedule_fit(need: NeedProfile, overlap: float | None, weight: float) -> ScheduleFit:
    total = need.total_hours
    value = 1.0 if overlap is None else overlap / total
    return ScheduleFit(overlap, total, value, value * weight)


def _capacity_fit(need: NeedProfile, talent: TalentProfile, weight: float) -> CapacityFit:
    remaining = talent.remaining_hours
    load = need.monthly_load
    value = min(1.0, remaining / load) if load > 0 else 1.0
    return CapacityFit(remaining, load, value, value * weight)


def score_pair(
    need: NeedProfile, talent: TalentProfile, weights: RankingWeights, exposure: Exposure = NO_EXPOSURE
) -> ScoredMatch | None:
    """The pair's score and breakdown, or None when a hard constraint excludes it."""
    if ineligibility(need, talent) is not None:
        return None
    skills = _skill_fit(need, talent, weights.skills)
    interest = _interest_fit(need, talent, weights.interest)
    region = _region_fit(need, talent, weights.region)
    schedule = _schedule_fit(need, overlap_hours(need, talent), weights.schedule)
    capacity = _capacity_fit(need, talent, weights.capacity)
    fairness = fairness_adjustment(need, talent, weights, exposure)
    # Summed in a fixed order: the vectorised scorer repeats it to get identical floats.
    base = skills.points + interest.points
    base = base + region.points
    base = base + schedule.points
    base = base + capacity.points
    breakdown = ScoreBreakdown(skills, interest, region, schedule, capacity, fairness, base)
    return ScoredMatch(need.id, talent.id, base + fairness.total, weights.version, breakdown)


def rank_candidates(
    need: NeedProfile,
    talents: Iterable[TalentProfile],
    weights: RankingWeights,
    exposure: Exposure = NO_EXPOSURE,
    limit: int | None = 20,
) -> list[ScoredMatch]:
    """Eligible talents for a need, best first (ties: talent id). For many talents, build a
    `TalentMatrix` once and use `vectorised.rank_candidates_in` instead."""
    scored = [m for t in talents if (m := score_pair(need, t, weights, exposure)) is not None]
    scored.sort(key=lambda m: (-m.score, m.talent_id))
    return scored if limit is None else scored[:limit]


def rank_opportunities(
    talent: TalentProfile,
    needs: Iterable[NeedProfile],
    weights: RankingWeights,
    exposure: Exposure = NO_EXPOSURE,
    limit: int | None = 20,
) -> list[ScoredMatch]:
    """Needs a talent is eligible for, best first (ties: need id). Same score as the other way round."""
    scored = [m for n in needs if (m := score_pair(n, talent, weights, exposure)) is not None]
    scored.sort(key=lambda m: (-m.score, m.need_id))
    return scored if limit is None else scored[:limit]
