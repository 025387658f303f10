"""The one versioned weight configuration for ranking. Change a number, change the version:
every score carries the version that produced it, so old scores stay explainable."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class RankingWeights:
    version: str
    # Factor weights: each factor is in [0, 1] and the weights sum to 1, so the base score is in [0, 1].
    skills: float
    interest: float
    region: float
    schedule: float
    capacity: float
    # Fairness: boosts and penalties are added to the base score, then clipped to ±fairness_cap,
    # so fairness reorders close candidates but never lifts a poor fit over a good one.
    first_timer_boost: float
    first_step_first_timer_boost: float  # replaces the above on needs marked as an easy first step
    youth_boost: float  # only on youth-friendly needs, for the bands below
    under_represented_age_boost: float  # scaled by how far a band's share of invitations lags its pool share
    under_represented_region_boost: float
    recency_penalty_per_invitation: float
    recency_penalty_cap: float
    fairness_cap: float
    youth_age_bands: frozenset[str] = frozenset({"10代", "20代"})

    def __post_init__(self) -> None:
        factors = (self.skills, self.interest, self.region, self.schedule, self.capacity)
        if any(w < 0 for w in factors) or not math.isclose(sum(factors), 1.0, abs_tol=1e-9):
            raise ValueError(f"weights {self.version}: factor weights must be non-negative and sum to 1")
        fairness = (
            self.first_timer_boost,
            self.first_step_first_timer_boost,
            self.youth_boost,
            self.under_represented_age_boost,
            self.under_represented_region_boost,
            self.recency_penalty_per_invitation,
            self.recency_penalty_cap,
            self.fairness_cap,
        )
        if any(w < 0 for w in fairness):
            raise ValueError(f"weights {self.version}: fairness terms must be non-negative")
        object.__setattr__(self, "youth_age_bands", frozenset(self.youth_age_bands))


CURRENT_WEIGHTS = RankingWeights(
    version="2026-11-v1",
    skills=0.35,
    interest=0.15,
    region=0.20,
    schedule=0.20,
    capacity=0.10,
    first_timer_boost=0.04,
    first_step_first_timer_boost=0.06,
    youth_boost=0.03,
    under_represented_age_boost=0.03,
    under_represented_region_boost=0.03,
    recency_penalty_per_invitation=0.02,
    recency_penalty_cap=0.06,
    fairness_cap=0.08,
)
