"""Talent profiles: the people (citizens, outside talent, business staff) who give their time.

An age band, never a birth date. Contact details are kept here and shown to an organisation
only once a match with it is confirmed (see match.py).
"""
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from services.common.errors import invalid
from services.matching.domain.events import TalentRegistered, TalentUpdated
from services.matching.contract.vocabulary import (AGE_BANDS, MAX_SKILL_LEVEL, MIN_SKILL_LEVEL, TALENT_ORIGINS,
                                                   TIME_BANDS)
from services.matching.domain.ranking.profiles import DateRange, TalentProfile


@dataclass(frozen=True)
class Contact:
    email: str | None = None
    phone: str | None = None


@dataclass
class Talent:
    id: str
    age_band: str
    skills: dict[str, int]
    interests: list[str]
    regions: list[str]
    home_region: str | None
    online: bool
    weekly_availability: list[tuple[int, str]]  # (weekday 0=Mon … 6, time band)
    available_dates: list[tuple[date, date]]
    languages: list[str]
    first_timer: bool
    max_hours_per_month: float
    origin: str
    offer_id: str | None  # set for a business's staff offered through a CSR offer
    contact: Contact
    created_at: datetime
    updated_at: datetime
    created_by_request: str | None = None  # the request that created it, so a retry is recognised
    events: list = field(default_factory=list, repr=False, compare=False)

    def profile(self, hours_this_month: float = 0.0, recent_invitations: int = 0) -> TalentProfile:
        return TalentProfile(
            id=self.id, skills=dict(self.skills), interests=frozenset(self.interests),
            regions=frozenset(self.regions), online=self.online,
            weekly_availability=frozenset((d, b) for d, b in self.weekly_availability),
            age_band=self.age_band, max_hours_per_month=self.max_hours_per_month,
            hours_this_month=min(hours_this_month, self.max_hours_per_month),
            first_timer=self.first_timer, home_region=self.home_region,
            available_dates=tuple(DateRange(s, e) for s, e in self.available_dates),
            recent_invitations=recent_invitations)


def _checked(talent: Talent) -> Talent:
    errors = {}
    if talent.age_band not in AGE_BANDS:
        errors["age_band"] = f"年代は {'、'.join(AGE_BANDS)} のいずれかです / age band must be one of {', '.join(AGE_BANDS)}"
    bad = [c for c, level in talent.skills.items() if not MIN_SKILL_LEVEL <= level <= MAX_SKILL_LEVEL]
    if bad:
        errors["skills"] = (f"スキルのレベルは{MIN_SKILL_LEVEL}〜{MAX_SKILL_LEVEL}です / skill levels are "
                            f"{MIN_SKILL_LEVEL}–{MAX_SKILL_LEVEL}: {', '.join(sorted(bad))}")
    if not talent.regions and not talent.home_region and not talent.online:
        errors["regions"] = ("活動できる地域かオンラインを指定してください / "
                             "name a region you can reach, or online")
    if any(not 0 <= d <= 6 or b not in TIME_BANDS for d, b in talent.weekly_availability):
        errors["weekly_availability"] = "曜日は0〜6、時間帯は morning/afternoon/evening です / weekday 0–6, band morning/afternoon/evening"
    if any(s > e for s, e in talent.available_dates):
        errors["available_dates"] = "開始日が終了日より後です / a date range starts after it ends"
    if talent.max_hours_per_month <= 0:
        errors["max_hours_per_month"] = "月の上限時間は0より大きくしてください / must be above 0"
    if talent.origin not in TALENT_ORIGINS:
        errors["origin"] = f"区分は {', '.join(TALENT_ORIGINS)} のいずれかです / one of {', '.join(TALENT_ORIGINS)}"
    if errors:
        raise invalid(**errors)
    return talent


def _facts(talent: Talent) -> dict:
    return {"talent_id": talent.id, "age_band": talent.age_band, "home_region": talent.home_region,
            "regions": sorted(talent.regions), "online": talent.online,
            "first_timer": talent.first_timer, "origin": talent.origin, "offer_id": talent.offer_id}


def register(talent: Talent) -> Talent:
    talent = _checked(talent)
    talent.events.append(TalentRegistered(**_facts(talent)))
    return talent


def update(current: Talent, changes: dict, now: datetime) -> Talent:
    """Apply the given fields; the id, origin and creation time stay."""
    changes = {k: v for k, v in changes.items() if k not in ("id", "created_at", "origin")}
    updated = _checked(replace(current, **changes, updated_at=now, events=[]))
    updated.events.append(TalentUpdated(**_facts(updated), changed=sorted(changes)))
    return updated


def join_staff(current: Talent, offer_id: str, now: datetime) -> Talent:
    """The person accepted a business's invitation: they are offered as its staff."""
    updated = replace(current, origin="business_staff", offer_id=offer_id, updated_at=now, events=[])
    updated.events.append(TalentUpdated(**_facts(updated), changed=["offer_id", "origin"]))
    return updated
