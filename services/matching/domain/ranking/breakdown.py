"""A score taken apart: each factor's value in [0, 1], its weighted points, and the facts behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .fairness import FairnessAdjustment


@dataclass(frozen=True)
class SkillLevelMatch:
    code: str
    wanted: int
    held: int  # 0 when the talent lacks the skill
    required: bool

    @property
    def met(self) -> bool:
        return self.held >= self.wanted


@dataclass(frozen=True)
class SkillFit:
    levels: tuple[SkillLevelMatch, ...]
    value: float
    points: float

    @property
    def required_met(self) -> int:
        return sum(1 for s in self.levels if s.required and s.met)

    @property
    def required_total(self) -> int:
        return sum(1 for s in self.levels if s.required)

    @property
    def preferred_met(self) -> int:
        return sum(1 for s in self.levels if not s.required and s.met)

    @property
    def preferred_total(self) -> int:
        return sum(1 for s in self.levels if not s.required)


@dataclass(frozen=True)
class InterestFit:
    matched: tuple[str, ...]
    total: int  # fields the need declares; 0 means the factor is neutral
    value: float
    points: float


RegionVia = Literal["same", "reachable", "online", "none"]


@dataclass(frozen=True)
class RegionFit:
    via: RegionVia
    region: str | None  # the need's region
    value: float
    points: float


@dataclass(frozen=True)
class ScheduleFit:
    overlap_hours: float | None  # None for a flexible need with no fixed dates
    total_hours: float
    value: float
    points: float


@dataclass(frozen=True)
class CapacityFit:
    remaining_hours: float
    monthly_load: float
    value: float
    points: float


@dataclass(frozen=True)
class ScoreBreakdown:
    skills: SkillFit
    interest: InterestFit
    region: RegionFit
    schedule: ScheduleFit
    capacity: CapacityFit
    fairness: FairnessAdjustment
    base: float  # sum of the factors' points, before fairness
