"""What ranking needs to know about a talent and a need: plain, frozen values.

Regions, fields, skills and age bands are open vocabularies (strings): Iwakuni's eight regions
are demo data, never an assumption.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from services.matching.contract import vocabulary
from services.matching.contract.vocabulary import MAX_SKILL_LEVEL, MIN_SKILL_LEVEL


class TimeBand(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


# In the vocabulary's order: a band the vocabulary names and this enum lacks fails at import.
TIME_BANDS = tuple(TimeBand(code) for code in vocabulary.TIME_BANDS)
WEEKLY_SLOT_COUNT = 7 * len(TIME_BANDS)


def weekly_slot_index(weekday: int, band: TimeBand) -> int:
    """Position of (weekday, band) in a 21-bit weekly availability mask."""
    return weekday * len(TIME_BANDS) + TIME_BANDS.index(band)


def _frozen_skills(skills: Mapping[str, int], owner: str) -> Mapping[str, int]:
    for code, level in skills.items():
        if not isinstance(level, int) or not MIN_SKILL_LEVEL <= level <= MAX_SKILL_LEVEL:
            raise ValueError(
                f"{owner}: skill {code!r} level must be {MIN_SKILL_LEVEL}–{MAX_SKILL_LEVEL}, got {level!r}"
            )
    return MappingProxyType(dict(skills))


@dataclass(frozen=True)
class DateRange:
    """Inclusive on both ends."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"date range starts after it ends: {self.start} > {self.end}")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class TalentProfile:
    id: str
    skills: Mapping[str, int]
    interests: frozenset[str]
    regions: frozenset[str]
    online: bool
    weekly_availability: frozenset[tuple[int, TimeBand]]
    age_band: str
    max_hours_per_month: float
    hours_this_month: float = 0.0
    first_timer: bool = False
    home_region: str | None = None
    # Empty means "no date limit": weekly availability alone decides.
    available_dates: tuple[DateRange, ...] = ()
    # Invitations received in the service's look-back window; pushes a person gently down.
    recent_invitations: int = 0

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "skills", _frozen_skills(self.skills, f"talent {self.id}"))
        set_(self, "interests", frozenset(self.interests))
        regions = frozenset(self.regions)
        # A person can always reach where they live.
        set_(self, "regions", regions | {self.home_region} if self.home_region else regions)
        slots = frozenset((int(day), TimeBand(band)) for day, band in self.weekly_availability)
        if any(not 0 <= day <= 6 for day, _ in slots):
            raise ValueError(f"talent {self.id}: weekday must be 0 (Monday) – 6 (Sunday)")
        set_(self, "weekly_availability", slots)
        set_(self, "available_dates", tuple(self.available_dates))
        if self.max_hours_per_month < 0 or self.hours_this_month < 0:
            raise ValueError(f"talent {self.id}: hours cannot be negative")
        if self.recent_invitations < 0:
            raise ValueError(f"talent {self.id}: recent_invitations cannot be negative")

    @property
    def remaining_hours(self) -> float:
        return self.max_hours_per_month - self.hours_this_month

    def is_available(self, day: date, band: TimeBand) -> bool:
        if (day.weekday(), band) not in self.weekly_availability:
            return False
        return not self.available_dates or any(r.contains(day) for r in self.available_dates)


@dataclass(frozen=True)
class Occurrence:
    on: date
    band: TimeBand
    hours: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "band", TimeBand(self.band))
        if self.hours <= 0:
            raise ValueError(f"occurrence on {self.on}: hours must be positive")


def weekly_occurrences(first: date, until: date, weekday: int, band: TimeBand, hours: float) -> tuple[Occurrence, ...]:
    """Expand a weekly recurrence (every `weekday` from `first` to `until`, inclusive)."""
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    out = []
    while day <= until:
        out.append(Occurrence(day, band, hours))
        day += timedelta(days=7)
    return tuple(out)


@dataclass(frozen=True)
class NeedProfile:
    id: str
    organisation_id: str
    required_skills: Mapping[str, int]
    fields: frozenset[str]
    region: str | None
    online: bool = False
    preferred_skills: Mapping[str, int] = field(default_factory=dict)
    # Empty means a flexible task with no fixed dates: no schedule constraint, `effort_hours` is its load.
    schedule: tuple[Occurrence, ...] = ()
    slots: int = 1
    youth_friendly: bool = False
    first_step: bool = False
    effort_hours: float = 0.0

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "required_skills", _frozen_skills(self.required_skills, f"need {self.id}"))
        set_(self, "preferred_skills", _frozen_skills(self.preferred_skills, f"need {self.id}"))
        both = set(self.required_skills) & set(self.preferred_skills)
        if both:
            raise ValueError(f"need {self.id}: skills both required and preferred: {sorted(both)}")
        set_(self, "fields", frozenset(self.fields))
        set_(self, "schedule", tuple(sorted(self.schedule, key=lambda o: (o.on, TIME_BANDS.index(o.band)))))
        if self.region is None and not self.online:
            raise ValueError(f"need {self.id}: takes place in a region, online, or both")
        if self.slots < 1:
            raise ValueError(f"need {self.id}: slots must be at least 1")
        if self.effort_hours < 0:
            raise ValueError(f"need {self.id}: effort_hours cannot be negative")

    @property
    def total_hours(self) -> float:
        total = 0.0
        for occurrence in self.schedule:
            total += occurrence.hours
        return total

    @property
    def monthly_load(self) -> float:
        """Hours one person gives in the busiest calendar month: what their monthly budget must hold."""
        if not self.schedule:
            return self.effort_hours
        by_month: dict[tuple[int, int], float] = defaultdict(float)
        for occurrence in self.schedule:
            by_month[(occurrence.on.year, occurrence.on.month)] += occurrence.hours
        return max(by_month.values())

