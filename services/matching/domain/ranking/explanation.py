"""One line, built only from a breakdown, telling a person why a candidate ranks where it does."""

from __future__ import annotations

from collections.abc import Mapping

from .breakdown import ScoreBreakdown


def _hours(value: float) -> str:
    return f"{value:g}"


def explain_ja(b: ScoreBreakdown, place_names: Mapping[str, str] | None = None) -> str:
    """`place_names` turns region codes into the names people know (yu → 由宇)."""
    names = place_names or {}
    parts: list[str] = []
    s = b.skills
    skill_parts = []
    if s.required_total:
        skill_parts.append(f"必須スキル{s.required_met}/{s.required_total}")
    if s.preferred_total:
        skill_parts.append(f"希望スキル{s.preferred_met}/{s.preferred_total}")
    parts.append("・".join(skill_parts) if skill_parts else "スキル条件なし")

    i = b.interest
    if i.total:
        if len(i.matched) == i.total:
            parts.append("関心分野が一致")
        elif i.matched:
            parts.append(f"関心分野が一部一致（{len(i.matched)}/{i.total}）")
        else:
            parts.append("関心分野の一致なし")

    r = b.region
    place = names.get(r.region, r.region) if r.region else r.region
    parts.append(
        {
            "same": f"同じ地域（{place}）",
            "reachable": f"{place}に参加可能",
            "online": "オンライン参加可",
            "none": f"活動地域外（{place}）" if r.region else "オンライン参加不可",
        }[r.via]
    )

    sc = b.schedule
    if sc.overlap_hours is None:
        parts.append("日時の指定なし")
    elif sc.overlap_hours < sc.total_hours:
        parts.append(f"重なる時間{_hours(sc.overlap_hours)}時間（全{_hours(sc.total_hours)}時間中）")
    else:
        parts.append(f"重なる時間{_hours(sc.overlap_hours)}時間")

    if b.capacity.value < 1.0:
        parts.append(f"今月の残り{_hours(b.capacity.remaining_hours)}時間")

    f = b.fairness
    if f.first_timer > 0:
        parts.append("初参加の方を優先")
    if f.youth > 0:
        parts.append("若い世代を歓迎")
    if f.age_band > 0:
        parts.append(f"参加の少ない年代（{f.age_band_name}）を優先")
    if f.region > 0:
        parts.append(f"参加の少ない地域（{names.get(f.home_region, f.home_region)}）を優先")
    if f.recency_penalty > 0:
        parts.append("最近の依頼が多いため順位を調整")
    return "、".join(parts)


def explain_en(b: ScoreBreakdown) -> str:
    parts: list[str] = []
    s = b.skills
    skill_parts = []
    if s.required_total:
        skill_parts.append(f"required skills {s.required_met}/{s.required_total}")
    if s.preferred_total:
        skill_parts.append(f"preferred {s.preferred_met}/{s.preferred_total}")
    parts.append(", ".join(skill_parts) if skill_parts else "no skill requirements")

    i = b.interest
    if i.total:
        if len(i.matched) == i.total:
            parts.append("interests match")
        elif i.matched:
            parts.append(f"interests partly match ({len(i.matched)}/{i.total})")
        else:
            parts.append("no shared interests")

    r = b.region
    parts.append(
        {
            "same": f"same region ({r.region})",
            "reachable": f"can reach {r.region}",
            "online": "can join online",
            "none": f"outside their regions ({r.region})" if r.region else "cannot join online",
        }[r.via]
    )

    sc = b.schedule
    if sc.overlap_hours is None:
        parts.append("no fixed dates")
    elif sc.overlap_hours < sc.total_hours:
        parts.append(f"{_hours(sc.overlap_hours)} of {_hours(sc.total_hours)} h overlap")
    else:
        parts.append(f"{_hours(sc.overlap_hours)} h overlap")

    if b.capacity.value < 1.0:
        parts.append(f"{_hours(b.capacity.remaining_hours)} h left this month")

    f = b.fairness
    if f.first_timer > 0:
        parts.append("first-timer prioritised")
    if f.youth > 0:
        parts.append("youth welcome")
    if f.age_band > 0:
        parts.append(f"under-represented age band ({f.age_band_name})")
    if f.region > 0:
        parts.append(f"under-represented region ({f.home_region})")
    if f.recency_penalty > 0:
        parts.append("invited often lately")
    return "; ".join(parts)
