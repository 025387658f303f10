"""The ranking of `pairwise.py`, computed for one need over a whole `TalentMatrix` with numpy.

Every float is produced by the same operations in the same order as `pairwise.score_pair`, so the
scores are identical, not merely close; only the top few rows are turned back into talents to
build their breakdown and explanation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fairness import (
    NO_EXPOSURE,
    Exposure,
    age_band_boost,
    first_timer_boost,
    region_boost,
    youth_boost,
)
from .pairwise import NEUTRAL_INTEREST, ScoredMatch, score_pair
from .profiles import NeedProfile, weekly_slot_index
from .talent_matrix import TalentMatrix, code_names
from .weights import RankingWeights


@dataclass(frozen=True)
class NeedScores:
    """Eligible rows of the matrix (ascending) and their scores."""

    rows: np.ndarray
    scores: np.ndarray


def _eligible_by_skills_and_hours(matrix: TalentMatrix, need: NeedProfile) -> np.ndarray | None:
    mask = matrix.remaining_hours > 0
    for code, level in need.required_skills.items():
        column = matrix.skill_codes.get(code)
        if column is None:  # nobody holds it
            return None
        mask &= matrix.skill_levels[:, column] >= level
    return np.flatnonzero(mask)


# Up to this many distinct weekly slots per need, overlap for people without date limits is read
# from a table of 2**slots precomputed sums instead of summed occurrence by occurrence.
MAX_TABLE_SLOTS = 6


def _overlap_by_occurrence(
    need: NeedProfile, availability: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    weekly_ok: dict[int, np.ndarray] = {}
    overlap = np.zeros(len(availability))
    for occurrence in need.schedule:
        slot = weekly_slot_index(occurrence.on.weekday(), occurrence.band)
        if slot not in weekly_ok:
            weekly_ok[slot] = (availability & np.uint32(1 << slot)) != 0
        day = occurrence.on.toordinal()
        in_range = (starts[:, 0] <= day) & (ends[:, 0] >= day)
        for k in range(1, starts.shape[1]):
            in_range |= (starts[:, k] <= day) & (ends[:, k] >= day)
        # Adding 0.0 leaves a float unchanged, so this equals adding only where available.
        overlap = overlap + np.where(weekly_ok[slot] & in_range, occurrence.hours, 0.0)
    return overlap


def _overlap_hours(matrix: TalentMatrix, need: NeedProfile, rows: np.ndarray) -> np.ndarray:
    availability = matrix.availability[rows]
    slots = sorted({weekly_slot_index(o.on.weekday(), o.band) for o in need.schedule})
    if len(slots) > MAX_TABLE_SLOTS:
        return _overlap_by_occurrence(need, availability, matrix.range_start[rows], matrix.range_end[rows])

    # Without date limits, a person's overlap depends only on which of the need's weekly slots
    # they keep free: sum each pattern once, in schedule order (the same floats as score_pair).
    position = {slot: u for u, slot in enumerate(slots)}
    table = np.zeros(1 << len(slots))
    for pattern in range(len(table)):
        total = 0.0
        for occurrence in need.schedule:
            if pattern >> position[weekly_slot_index(occurrence.on.weekday(), occurrence.band)] & 1:
                total += occurrence.hours
        table[pattern] = total
    pattern = np.zeros(len(rows), dtype=np.int64)
    for u, slot in enumerate(slots):
        pattern |= ((availability >> np.uint32(slot)) & np.uint32(1)).astype(np.int64) << u
    overlap = table[pattern]

    limited = np.flatnonzero(matrix.date_limited[rows])
    if len(limited):
        limited_rows = rows[limited]
        overlap[limited] = _overlap_by_occurrence(
            need, availability[limited], matrix.range_start[limited_rows], matrix.range_end[limited_rows]
        )
    return overlap


def score_need(
    matrix: TalentMatrix, need: NeedProfile, weights: RankingWeights, exposure: Exposure = NO_EXPOSURE
) -> NeedScores:
    """Scores of every eligible talent for `need` (hard constraints applied)."""
    rows = _eligible_by_skills_and_hours(matrix, need)
    if rows is None or len(rows) == 0:
        return NeedScores(np.zeros(0, dtype=np.int64), np.zeros(0))

    if need.schedule:
        overlap = _overlap_hours(matrix, need, rows)
        keep = overlap > 0
        rows, overlap = rows[keep], overlap[keep]
        schedule = overlap / need.total_hours
    else:
        schedule = 1.0

    required = sorted(need.required_skills)
    preferred = sorted(need.preferred_skills)
    if required or preferred:
        credit = np.full(len(rows), float(len(required)))
        for code in preferred:
            column = matrix.skill_codes.get(code)
            if column is None:  # nobody holds it: no credit
                held = np.zeros(len(rows), dtype=np.int8)
            else:
                held = matrix.skill_levels[:, column].take(rows)
            credit = credit + np.minimum(1.0, held / need.preferred_skills[code])
        skills = credit / (len(required) + len(preferred))
    else:
        skills = 1.0

    if need.fields:
        matched = np.zeros(len(rows), dtype=np.int64)
        for field_code in need.fields:
            column = matrix.field_codes.get(field_code)
            if column is not None:
                matched += matrix.interests[:, column].take(rows)
        interest = matched / len(need.fields)
    else:
        interest = NEUTRAL_INTEREST

    reach = np.zeros(len(rows), dtype=bool)
    region_column = matrix.region_codes.get(need.region) if need.region is not None else None
    if region_column is not None:
        reach |= matrix.reachable[:, region_column].take(rows)
    if need.online:
        reach |= matrix.online[rows]
    region = np.where(reach, 1.0, 0.0)

    load = need.monthly_load
    capacity = np.minimum(1.0, matrix.remaining_hours[rows] / load) if load > 0 else 1.0

    base = skills * weights.skills + interest * weights.interest
    base = base + region * weights.region
    base = base + schedule * weights.schedule
    base = base + capacity * weights.capacity
    score = base + _fairness(matrix, need, weights, exposure, rows)
    return NeedScores(rows, score)


def _fairness(
    matrix: TalentMatrix, need: NeedProfile, weights: RankingWeights, exposure: Exposure, rows: np.ndarray
) -> np.ndarray:
    bands = code_names(matrix.age_band_codes)
    regions = code_names(matrix.region_codes)
    band = matrix.age_band[rows]
    # Per-group terms as lookup tables, filled by the same functions the per-talent scorer calls.
    youth_table = np.array([youth_boost(weights, need, b) for b in bands] or [0.0])
    age_table = np.array([age_band_boost(weights, exposure, b) for b in bands] or [0.0])
    # The extra last entry serves NO_REGION (-1).
    region_table = np.array([region_boost(weights, exposure, name) for name in [*regions, None]])

    first = np.where(matrix.first_timer[rows], first_timer_boost(weights, need), 0.0)
    raw = first + youth_table[band]
    raw = raw + age_table[band]
    raw = raw + region_table[matrix.home_region[rows]]
    # Mirrors fairness.recency_penalty().
    invitations = matrix.recent_invitations[rows]
    raw = raw - np.minimum(weights.recency_penalty_cap, weights.recency_penalty_per_invitation * invitations)
    return np.minimum(weights.fairness_cap, np.maximum(-weights.fairness_cap, raw))


def top_rows(scores: NeedScores, limit: int | None) -> NeedScores:
    """Best first; ties broken by row, i.e. by talent id. O(n) selection, then a sort of the few."""
    rows, values = scores.rows, scores.scores
    if limit is not None and limit <= 0:
        return NeedScores(rows[:0], values[:0])
    if limit is not None and limit < len(values):
        kth = len(values) - limit
        threshold = np.partition(values, kth)[kth]
        candidates = np.flatnonzero(values >= threshold)
        rows, values = rows[candidates], values[candidates]
    order = np.lexsort((rows, -values))
    if limit is not None:
        order = order[:limit]
    return NeedScores(rows[order], values[order])


def rank_candidates_in(
    matrix: TalentMatrix,
    need: NeedProfile,
    weights: RankingWeights,
    exposure: Exposure = NO_EXPOSURE,
    limit: int | None = 20,
) -> list[ScoredMatch]:
    """Same result as `pairwise.rank_candidates` over the matrix's talents."""
    best = top_rows(score_need(matrix, need, weights, exposure), limit)
    matches = []
    for row in best.rows:
        match = score_pair(need, matrix.talent_at(int(row)), weights, exposure)
        assert match is not None, "vectorised hard constraints disagree with pairwise.ineligibility"
        matches.append(match)
    return matches
