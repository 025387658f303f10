"""Seeded random talents, needs and exposure for property-style tests (no hypothesis needed:
every case is reproducible from its seed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from services.matching.contract.vocabulary import AGE_BANDS
from services.matching.domain.ranking.fairness import Exposure
from services.matching.domain.ranking.profiles import TIME_BANDS, DateRange, NeedProfile, Occurrence, TalentProfile

SKILLS = ("it", "kaigo", "cooking", "driving", "teaching", "design")
FIELDS = ("防災", "子育て", "環境", "福祉", "まちづくり")
# Iwakuni's eight regions plus places beyond them: nothing may assume there are only eight.
REGIONS = ("岩国", "由宇", "玖珂", "本郷", "周東", "錦", "美川", "美和", "東京", "周南")
FIRST_DAY = date(2026, 12, 1)
HOURS = (1.0, 1.5, 2.0, 3.0, 0.7, 2.25, 0.1)


def random_talent(rng: random.Random, talent_id: str) -> TalentProfile:
    skills = {c: rng.randint(1, 5) for c in rng.sample(SKILLS, rng.randint(0, 4))}
    dates: tuple[DateRange, ...] = ()
    if rng.random() < 0.4:
        spans = []
        for _ in range(rng.randint(1, 3)):
            start = FIRST_DAY + timedelta(days=rng.randint(0, 80))
            spans.append(DateRange(start, start + timedelta(days=rng.randint(0, 40))))
        dates = tuple(spans)
    max_hours = rng.choice((0.0, 4.0, 10.0, 20.0, 7.5))
    return TalentProfile(
        id=talent_id,
        skills=skills,
        interests=frozenset(rng.sample(FIELDS, rng.randint(0, 3))),
        regions=frozenset(rng.sample(REGIONS, rng.randint(0, 3))),
        online=rng.random() < 0.5,
        weekly_availability=frozenset(
            (d, b) for d in range(7) for b in TIME_BANDS if rng.random() < 0.35
        ),
        age_band=rng.choice(AGE_BANDS),
        max_hours_per_month=max_hours,
        hours_this_month=rng.choice((0.0, 0.0, 2.0, max_hours, 3.3)) if max_hours else 0.0,
        first_timer=rng.random() < 0.3,
        home_region=rng.choice((None, *REGIONS)),
        available_dates=dates,
        recent_invitations=rng.choice((0, 0, 0, 1, 2, 5)),
    )


def random_need(rng: random.Random, need_id: str) -> NeedProfile:
    codes = rng.sample(SKILLS, rng.randint(0, 4))
    cut = rng.randint(0, min(2, len(codes)))
    region = rng.choice((None, *REGIONS))
    schedule = ()
    if rng.random() < 0.8:
        schedule = tuple(
            Occurrence(FIRST_DAY + timedelta(days=rng.randint(0, 90)), rng.choice(TIME_BANDS), rng.choice(HOURS))
            for _ in range(rng.randint(1, 8))
        )
    return NeedProfile(
        id=need_id,
        organisation_id=f"org-{rng.randint(1, 5)}",
        required_skills={c: rng.randint(1, 3) for c in codes[:cut]},
        preferred_skills={c: rng.randint(1, 4) for c in codes[cut:]},
        fields=frozenset(rng.sample(FIELDS, rng.randint(0, 2))),
        region=region,
        online=region is None or rng.random() < 0.3,
        schedule=schedule,
        slots=rng.randint(1, 3),
        youth_friendly=rng.random() < 0.3,
        first_step=rng.random() < 0.3,
        effort_hours=rng.choice((0.0, 2.0, 6.0)),
    )


def random_exposure(rng: random.Random) -> Exposure:
    return Exposure(
        invited_by_age_band={b: rng.randint(0, 30) for b in AGE_BANDS if rng.random() < 0.8},
        pool_by_age_band={b: rng.randint(1, 100) for b in AGE_BANDS},
        invited_by_region={r: rng.randint(0, 30) for r in REGIONS if rng.random() < 0.7},
        pool_by_region={r: rng.randint(1, 100) for r in REGIONS},
    )


def random_population(seed: int, talents: int, needs: int) -> tuple[list[TalentProfile], list[NeedProfile], Exposure]:
    rng = random.Random(seed)
    return (
        [random_talent(rng, f"t{seed}-{i:04d}") for i in range(talents)],
        [random_need(rng, f"n{seed}-{i:03d}") for i in range(needs)],
        random_exposure(rng),
    )
