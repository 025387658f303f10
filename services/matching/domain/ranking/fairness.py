"""Fairness terms of a score: who was asked recently, who is new, which groups are asked too little.

Both the per-talent and the vectorised scorer use these functions, so both add the same numbers
in the same order (their scores are then bit-for-bit equal).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .profiles import NeedProfile, TalentProfile
from .weights import RankingWeights


def representation_deficit(invited: Mapping[str, int], pool: Mapping[str, int], group: str | None) -> float:
    """How far `group`'s share of invitations lags its share of the talent pool, in [0, 1].

    0 when the group is invited at least in proportion (or nothing is known); 1 when a group that
    makes up part of the pool has not been invited at all.
    """
    pool_total = sum(pool.values())
    invited_total = sum(invited.values())
    in_pool = pool.get(group, 0) if group is not None else 0
    if pool_total <= 0 or invited_total <= 0 or in_pool <= 0:
        return 0.0
    expected = in_pool / pool_total
    actual = invited.get(group, 0) / invited_total
    return max(0.0, (expected - actual) / expected)


@dataclass(frozen=True)
class Exposure:
    """Invitations per age band and home region over the service's look-back window, beside the
    size of each group in the talent pool. The service computes it from its own match records."""

    invited_by_age_band: Mapping[str, int] = field(default_factory=dict)
    pool_by_age_band: Mapping[str, int] = field(default_factory=dict)
    invited_by_region: Mapping[str, int] = field(default_factory=dict)
    pool_by_region: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Deficits are looked up once per talent: compute them once per exposure.
        invited, pool = self.invited_by_age_band, self.pool_by_age_band
        age = {band: representation_deficit(invited, pool, band) for band in pool}
        invited, pool = self.invited_by_region, self.pool_by_region
        region = {name: representation_deficit(invited, pool, name) for name in pool}
        object.__setattr__(self, "_age_deficit", MappingProxyType(age))
        object.__setattr__(self, "_region_deficit", MappingProxyType(region))

    def age_band_deficit(self, band: str) -> float:
        return self._age_deficit.get(band, 0.0)  # type: ignore[attr-defined]

    def region_deficit(self, region: str | None) -> float:
        return self._region_deficit.get(region, 0.0) if region is not None else 0.0  # type: ignore[attr-defined]


NO_EXPOSURE = Exposure()


@dataclass(frozen=True)
class FairnessAdjustment:
    first_timer: float
    youth: float
    age_band: float
    region: float
    recency_penalty: float
    total: float  # clipped to ±fairness_cap
    age_band_name: str
    home_region: str | None


def age_band_boost(weights: RankingWeights, exposure: Exposure, band: str) -> float:
    return weights.under_represented_age_boost * exposure.age_band_deficit(band)


def region_boost(weights: RankingWeights, exposure: Exposure, home_region: str | None) -> float:
    return weights.under_represented_region_boost * exposure.region_deficit(home_region)


def recency_penalty(weights: RankingWeights, recent_invitations: int) -> float:
    return min(weights.recency_penalty_cap, weights.recency_penalty_per_invitation * recent_invitations)


def first_timer_boost(weights: RankingWeights, need: NeedProfile) -> float:
    """What a first-timer gains on this need; larger on needs meant as a first step."""
    return weights.first_step_first_timer_boost if need.first_step else weights.first_timer_boost


def youth_boost(weights: RankingWeights, need: NeedProfile, band: str) -> float:
    return weights.youth_boost if need.youth_friendly and band in weights.youth_age_bands else 0.0


def clipped_fairness(
    weights: RankingWeights, first: float, youth: float, age: float, region: float, recency: float
) -> float:
    raw = first + youth
    raw = raw + age
    raw = raw + region
    raw = raw - recency
    return min(weights.fairness_cap, max(-weights.fairness_cap, raw))


def fairness_adjustment(
    need: NeedProfile, talent: TalentProfile, weights: RankingWeights, exposure: Exposure
) -> FairnessAdjustment:
    first = first_timer_boost(weights, need) if talent.first_timer else 0.0
    youth = youth_boost(weights, need, talent.age_band)
    age = age_band_boost(weights, exposure, talent.age_band)
    region = region_boost(weights, exposure, talent.home_region)
    recency = recency_penalty(weights, talent.recent_invitations)
    return FairnessAdjustment(
        first_timer=first,
        youth=youth,
        age_band=age,
        region=region,
        recency_penalty=recency,
        total=clipped_fairness(weights, first, youth, age, region, recency),
        age_band_name=talent.age_band,
        home_region=talent.home_region,
    )
