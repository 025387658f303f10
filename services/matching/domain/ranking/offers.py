"""Offers ↔ needs: which CSR offer helps which need, with a per-factor breakdown and a reason.

Hard constraints: both open, the offer reaches the need's region (or both are online), and the
offer's period covers at least one of the need's dates (a flexible need: the offer has not ended).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..offer import Offer
from .profiles import NeedProfile

# Which kinds of offer serve which kind of need (money helps every need a little).
KIND_FIT = {
    "volunteer_shift": {"staff_time": 1.0, "goods": 0.6, "venue": 0.4, "money": 0.4, "expertise": 0.4},
    "skilled_task": {"expertise": 1.0, "staff_time": 0.8, "money": 0.4, "goods": 0.2, "venue": 0.2},
    "lecturer_dispatch": {"expertise": 1.0, "staff_time": 0.6, "venue": 0.6, "money": 0.4, "goods": 0.2},
    "event_helper": {"staff_time": 1.0, "venue": 0.8, "goods": 0.8, "money": 0.5, "expertise": 0.3},
}
NEUTRAL = 0.5


@dataclass(frozen=True)
class OfferWeights:
    version: str
    kind: float
    skills: float
    fields: float
    region: float
    period: float


OFFER_WEIGHTS = OfferWeights(version="2026-11-offers-v1", kind=0.30, skills=0.25, fields=0.15,
                             region=0.15, period=0.15)


@dataclass(frozen=True)
class OfferBreakdown:
    kind: float
    skills_covered: int
    skills_wanted: int
    skills: float
    fields_matched: tuple[str, ...]
    fields: float
    region_via: str  # same | online
    region: float
    dates_covered: int
    dates_total: int
    period: float


@dataclass(frozen=True)
class OfferMatch:
    offer_id: str
    need_id: str
    score: float
    weights_version: str
    breakdown: OfferBreakdown

    @property
    def explanation_ja(self) -> str:
        b = self.breakdown
        parts = [f"提供内容の適合度{round(b.kind * 100)}%"]
        if b.skills_wanted:
            parts.append(f"求めるスキル{b.skills_covered}/{b.skills_wanted}")
        if b.fields_matched:
            parts.append("活動分野が一致")
        parts.append("オンラインで提供可" if b.region_via == "online" else "提供地域内")
        parts.append(f"日程{b.dates_covered}/{b.dates_total}回が提供期間内" if b.dates_total else "日時の指定なし")
        return "、".join(parts)

    @property
    def explanation_en(self) -> str:
        b = self.breakdown
        parts = [f"offer kind fits {round(b.kind * 100)}%"]
        if b.skills_wanted:
            parts.append(f"skills {b.skills_covered}/{b.skills_wanted}")
        if b.fields_matched:
            parts.append("fields match")
        parts.append("offered online" if b.region_via == "online" else "within the offer's regions")
        parts.append(f"{b.dates_covered}/{b.dates_total} dates in the offer's period" if b.dates_total
                     else "no fixed dates")
        return "; ".join(parts)


def score_offer(offer: Offer, need: NeedProfile, need_kind: str, today: date,
                weights: OfferWeights = OFFER_WEIGHTS) -> OfferMatch | None:
    if offer.status != "open":
        return None
    if need.region is not None and need.region in offer.regions:
        via = "same"
    elif need.online and offer.online:
        via = "online"
    else:
        return None
    if need.schedule:
        covered = sum(1 for o in need.schedule if offer.starts <= o.on <= offer.ends)
        if covered == 0:
            return None
        period = covered / len(need.schedule)
    else:
        if offer.ends < today:
            return None
        covered, period = 0, 1.0
    kind = KIND_FIT.get(need_kind, {}).get(offer.kind, NEUTRAL)
    wanted = {**need.preferred_skills, **need.required_skills}
    if wanted and offer.kind in ("staff_time", "expertise"):
        met = sum(1 for code, level in wanted.items() if offer.skills.get(code, 0) >= level)
        skills = met / len(wanted)
    else:
        met, skills = 0, NEUTRAL if wanted else 1.0
    matched = tuple(sorted(need.fields & set(offer.fields)))
    field_fit = len(matched) / len(need.fields) if need.fields else NEUTRAL
    score = (kind * weights.kind + skills * weights.skills + field_fit * weights.fields
             + 1.0 * weights.region + period * weights.period)
    breakdown = OfferBreakdown(kind, met, len(wanted), skills, matched, field_fit, via, 1.0, covered,
                               len(need.schedule), period)
    return OfferMatch(offer.id, need.id, score, weights.version, breakdown)


def rank_needs_for_offer(offer: Offer, needs: list[tuple[NeedProfile, str]], today: date,
                         limit: int = 20) -> list[OfferMatch]:
    scored = [m for need, kind in needs if (m := score_offer(offer, need, kind, today)) is not None]
    scored.sort(key=lambda m: (-m.score, m.need_id))
    return scored[:limit]


def rank_offers_for_need(need: NeedProfile, need_kind: str, offers: list[Offer], today: date,
                         limit: int = 20) -> list[OfferMatch]:
    scored = [m for offer in offers if (m := score_offer(offer, need, need_kind, today)) is not None]
    scored.sort(key=lambda m: (-m.score, m.offer_id))
    return scored[:limit]
