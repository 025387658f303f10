"""Batch assignment: which talents to propose for which needs so the total score is highest,
subject to each need's slots, each talent's hour budget and the hard constraints.

Solved exactly as a min-cost flow (OR-Tools): source → talent (capacity = how many needs the
talent may take) → need (capacity 1: one slot per need per talent) → sink (capacity = slots),
with a zero-cost source → sink bypass so leaving a slot empty is allowed. Pair arcs cost
−score, so the cheapest flow is the highest-scoring assignment. Not greedy: a greedy pass can
take a good pair that blocks two better ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from .ranking.fairness import NO_EXPOSURE, Exposure
from .ranking.profiles import NeedProfile
from .ranking.talent_matrix import TalentMatrix
from .ranking.vectorised import score_need
from .ranking.weights import RankingWeights

# Min-cost flow needs integer costs: scores are counted in millionths of a point.
SCORE_SCALE = 1_000_000


@dataclass(frozen=True)
class CandidatePair:
    need_id: str
    talent_id: str
    score: float


@dataclass(frozen=True)
class ProposedMatch:
    need_id: str
    talent_id: str
    score: float
    weights_version: str


def max_score_assignment(
    need_index: np.ndarray,
    talent_index: np.ndarray,
    scores: np.ndarray,
    slots: np.ndarray,
    capacity: np.ndarray,
) -> np.ndarray:
    """Boolean mask over the pairs: the chosen ones. Pairs must be unique; `slots[need]` and
    `capacity[talent]` bound how often each need and talent is chosen. Pairs scoring ≤ 0 are
    never chosen (leaving the slot empty is better)."""
    need_index = np.asarray(need_index, dtype=np.int64)
    talent_index = np.asarray(talent_index, dtype=np.int64)
    cost = -np.rint(np.asarray(scores, dtype=np.float64) * SCORE_SCALE).astype(np.int64)
    chosen = np.zeros(len(cost), dtype=bool)
    usable = np.flatnonzero((cost < 0) & (slots[need_index] > 0) & (capacity[talent_index] > 0))
    if len(usable) == 0:
        return chosen

    talents, talent_local = np.unique(talent_index[usable], return_inverse=True)
    needs, need_local = np.unique(need_index[usable], return_inverse=True)
    n_talents, n_needs, n_pairs = len(talents), len(needs), len(usable)
    # A talent never takes more needs than it has pairs, nor a need more people than it has pairs.
    talent_cap = np.minimum(capacity[talents], np.bincount(talent_local, minlength=n_talents))
    need_cap = np.minimum(slots[needs], np.bincount(need_local, minlength=n_needs))
    supply = int(talent_cap.sum())

    source, sink = 0, n_talents + n_needs + 1
    talent_node = 1 + np.arange(n_talents)
    need_node = 1 + n_talents + np.arange(n_needs)
    tails = np.concatenate([np.zeros(n_talents, np.int64), 1 + talent_local, need_node, [source]])
    heads = np.concatenate([talent_node, 1 + n_talents + need_local, np.full(n_needs, sink), [sink]])
    capacities = np.concatenate([talent_cap, np.ones(n_pairs, np.int64), need_cap, [supply]])
    costs = np.concatenate([np.zeros(n_talents, np.int64), cost[usable], np.zeros(n_needs, np.int64), [0]])

    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities.astype(np.int64), costs.astype(np.int64)
    )
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not solve: status {status}")
    pair_flows = flow.flows(arcs[n_talents : n_talents + n_pairs])
    chosen[usable[pair_flows > 0]] = True
    return chosen


def solve_assignment(
    pairs: Iterable[CandidatePair],
    slots: Mapping[str, int],
    talent_capacity: Mapping[str, int],
) -> list[CandidatePair]:
    """The highest-scoring set of pairs with at most `slots[need]` talents per need and at most
    `talent_capacity[talent]` needs per talent (missing from either map: 0)."""
    pairs = list(pairs)
    if len({(p.need_id, p.talent_id) for p in pairs}) != len(pairs):
        raise ValueError("a (need, talent) pair appears twice")
    need_ids = sorted({p.need_id for p in pairs})
    talent_ids = sorted({p.talent_id for p in pairs})
    need_pos = {n: i for i, n in enumerate(need_ids)}
    talent_pos = {t: i for i, t in enumerate(talent_ids)}
    chosen = max_score_assignment(
        np.array([need_pos[p.need_id] for p in pairs], dtype=np.int64),
        np.array([talent_pos[p.talent_id] for p in pairs], dtype=np.int64),
        np.array([p.score for p in pairs], dtype=np.float64),
        np.array([slots.get(n, 0) for n in need_ids], dtype=np.int64),
        np.array([talent_capacity.get(t, 0) for t in talent_ids], dtype=np.int64),
    )
    return [p for p, keep in zip(pairs, chosen) if keep]


def hour_capacity(talent_rows: np.ndarray, loads: np.ndarray, remaining: np.ndarray, max_needs: int) -> np.ndarray:
    """How many needs each talent may take so that ANY choice among its candidate needs fits its
    remaining monthly hours: the k largest loads must fit. Exact when loads are equal; otherwise
    safe (never over budget) at the price of sometimes allowing fewer needs than would fit."""
    capacity = np.zeros(len(remaining), dtype=np.int64)
    if len(talent_rows) == 0 or max_needs <= 0:
        return capacity
    order = np.lexsort((-loads, talent_rows))
    rows, sorted_loads = talent_rows[order], loads[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    counts = np.diff(np.r_[starts, len(rows)])
    running = np.cumsum(sorted_loads)
    before_group = np.repeat(running[starts] - sorted_loads[starts], counts)
    rank = np.arange(len(rows)) - np.repeat(starts, counts)
    fits = (running - before_group <= remaining[rows]) & (rank < max_needs)
    np.add.at(capacity, rows[fits], 1)
    return capacity


def propose_assignment(
    needs: Iterable[NeedProfile],
    matrix: TalentMatrix,
    weights: RankingWeights,
    exposure: Exposure = NO_EXPOSURE,
    max_needs_per_talent: int = 1,
) -> list[ProposedMatch]:
    """Matches to propose for open `needs` among the matrix's talents, maximising total score.

    Only pairs that pass the ranking's hard constraints and whose need fits the talent's
    remaining hours are considered. Result ordered by need id, then best score.
    """
    need_list = sorted(needs, key=lambda n: n.id)
    if len({n.id for n in need_list}) != len(need_list):
        raise ValueError("need ids must be unique")
    need_parts, row_parts, score_parts, load_parts = [], [], [], []
    for j, need in enumerate(need_list):
        scored = score_need(matrix, need, weights, exposure)
        fits = matrix.remaining_hours[scored.rows] >= need.monthly_load
        rows = scored.rows[fits]
        need_parts.append(np.full(len(rows), j, dtype=np.int64))
        row_parts.append(rows)
        score_parts.append(scored.scores[fits])
        load_parts.append(np.full(len(rows), need.monthly_load))
    if not need_list:
        return []
    need_index = np.concatenate(need_parts)
    talent_rows = np.concatenate(row_parts).astype(np.int64)
    scores = np.concatenate(score_parts)
    capacity = hour_capacity(talent_rows, np.concatenate(load_parts), matrix.remaining_hours, max_needs_per_talent)
    slots = np.array([n.slots for n in need_list], dtype=np.int64)
    chosen = max_score_assignment(need_index, talent_rows, scores, slots, capacity)
    proposals = [
        ProposedMatch(need_list[j].id, matrix.ids[row], float(score), weights.version)
        for j, row, score in zip(need_index[chosen], talent_rows[chosen], scores[chosen])
    ]
    proposals.sort(key=lambda p: (p.need_id, -p.score, p.talent_id))
    return proposals
