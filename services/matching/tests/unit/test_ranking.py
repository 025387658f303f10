from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from services.matching.domain.ranking.fairness import NO_EXPOSURE, Exposure, representation_deficit
from services.matching.domain.ranking.pairwise import Ineligible, ineligibility, rank_candidates, rank_opportunities, score_pair
from services.matching.domain.ranking.profiles import DateRange, NeedProfile, Occurrence, TalentProfile, TimeBand, weekly_occurrences
from services.matching.domain.ranking.talent_matrix import TalentMatrix
from services.matching.domain.ranking.vectorised import rank_candidates_in, score_need
from services.matching.domain.ranking.weights import CURRENT_WEIGHTS

from .random_profiles import random_population

W = CURRENT_WEIGHTS
SATURDAY = date(2026, 12, 5)
MORNING, AFTERNOON, EVENING = TimeBand.MORNING, TimeBand.AFTERNOON, TimeBand.EVENING


def talent(**overrides) -> TalentProfile:
    base = dict(
        id="t-1",
        skills={"cooking": 3, "driving": 2},
        interests=frozenset({"防災", "福祉"}),
        regions=frozenset(),
        online=False,
        weekly_availability=frozenset({(5, MORNING), (5, AFTERNOON)}),
        age_band="30代",
        max_hours_per_month=20.0,
        hours_this_month=0.0,
        home_region="由宇",
    )
    base.update(overrides)
    return TalentProfile(**base)


def need(**overrides) -> NeedProfile:
    base = dict(
        id="n-1",
        organisation_id="org-1",
        required_skills={"cooking": 2, "driving": 1},
        preferred_skills={"first_aid": 1, "it": 2},
        fields=frozenset({"防災"}),
        region="由宇",
        schedule=(Occurrence(SATURDAY, MORNING, 2.0), Occurrence(SATURDAY, AFTERNOON, 2.0)),
    )
    base.update(overrides)
    return NeedProfile(**base)


# --- hard constraints -------------------------------------------------------------------------


def test_a_required_skill_below_its_level_excludes_the_talent():
    assert ineligibility(need(required_skills={"cooking": 4}), talent()) is Ineligible.MISSING_REQUIRED_SKILL
    assert ineligibility(need(required_skills={"nursing": 1}), talent()) is Ineligible.MISSING_REQUIRED_SKILL
    assert score_pair(need(required_skills={"cooking": 4}), talent(), W) is None
    assert ineligibility(need(required_skills={"cooking": 3}), talent()) is None


def test_a_talent_who_reached_their_monthly_hours_is_excluded():
    assert ineligibility(need(), talent(hours_this_month=20.0)) is Ineligible.MONTHLY_HOURS_REACHED
    assert ineligibility(need(), talent(max_hours_per_month=0.0)) is Ineligible.MONTHLY_HOURS_REACHED
    assert ineligibility(need(), talent(hours_this_month=19.5)) is None


def test_no_schedule_overlap_excludes_weekly_and_by_date_range():
    assert ineligibility(need(), talent(weekly_availability={(5, EVENING), (6, MORNING)})) is Ineligible.NO_SCHEDULE_OVERLAP
    away = (DateRange(date(2027, 1, 1), date(2027, 3, 31)),)
    assert ineligibility(need(), talent(available_dates=away)) is Ineligible.NO_SCHEDULE_OVERLAP
    around = (DateRange(date(2027, 1, 1), date(2027, 3, 31)), DateRange(SATURDAY, SATURDAY))
    assert ineligibility(need(), talent(available_dates=around)) is None


def test_a_flexible_need_has_no_schedule_constraint():
    flexible = need(schedule=(), online=True, effort_hours=5.0)
    match = score_pair(flexible, talent(weekly_availability=()), W)
    assert match is not None
    assert match.breakdown.schedule.overlap_hours is None and match.breakdown.schedule.value == 1.0
    assert "日時の指定なし" in match.explanation_ja


def test_ranked_lists_never_break_a_hard_constraint_and_exclude_only_what_breaks_one():
    for seed in range(8):
        talents, needs, exposure = random_population(seed, 150, 12)
        for n in needs:
            ranked = {m.talent_id for m in rank_candidates(n, talents, W, exposure, limit=None)}
            for t in talents:
                # Independent restatement of the three hard constraints.
                skills_ok = all(t.skills.get(c, 0) >= lvl for c, lvl in n.required_skills.items())
                hours_ok = t.max_hours_per_month - t.hours_this_month > 0
                overlap = sum(
                    o.hours
                    for o in n.schedule
                    if (o.on.weekday(), o.band) in t.weekly_availability
                    and (not t.available_dates or any(r.start <= o.on <= r.end for r in t.available_dates))
                )
                schedule_ok = not n.schedule or overlap > 0
                assert (t.id in ranked) == (skills_ok and hours_ok and schedule_ok), (seed, n.id, t.id)


# --- factors and explanation ------------------------------------------------------------------


def test_the_breakdown_reports_each_factor():
    t = talent(skills={"cooking": 3, "driving": 2, "it": 1}, first_timer=True)
    match = score_pair(need(), t, W)
    b = match.breakdown
    assert (b.skills.required_met, b.skills.required_total, b.skills.preferred_met, b.skills.preferred_total) == (2, 2, 0, 2)
    # Required 1 + 1, preferred first_aid 0/1 and it 1/2 → (2 + 0 + 0.5) / 4.
    assert b.skills.value == pytest.approx(2.5 / 4)
    assert [(s.code, s.wanted, s.held) for s in b.skills.levels] == [("cooking", 2, 3), ("driving", 1, 2), ("first_aid", 1, 0), ("it", 2, 1)]
    assert b.interest.matched == ("防災",) and b.interest.value == 1.0
    assert b.region.via == "same" and b.region.value == 1.0
    assert b.schedule.overlap_hours == 4.0 and b.schedule.value == 1.0
    assert b.capacity.remaining_hours == 20.0 and b.capacity.value == 1.0
    assert b.fairness.first_timer == W.first_timer_boost and b.fairness.total == W.first_timer_boost
    expected_base = 2.5 / 4 * W.skills + W.interest + W.region + W.schedule + W.capacity
    assert b.base == pytest.approx(expected_base)
    assert match.score == pytest.approx(expected_base + W.first_timer_boost)
    assert match.weights_version == "2026-11-v1"


def test_the_japanese_explanation_is_built_from_the_breakdown():
    t = talent(skills={"cooking": 3, "driving": 2, "it": 2}, first_timer=True)
    match = score_pair(need(), t, W)
    assert match.explanation_ja == "必須スキル2/2・希望スキル1/2、関心分野が一致、同じ地域（由宇）、重なる時間4時間、初参加の方を優先"
    assert match.explanation_en == "required skills 2/2, preferred 1/2; interests match; same region (由宇); 4 h overlap; first-timer prioritised"


def test_explanation_for_partial_fit_online_and_a_tight_budget():
    t = talent(
        home_region="岩国", online=True, interests={"福祉"}, weekly_availability={(5, MORNING)},
        max_hours_per_month=10.0, hours_this_month=8.5, recent_invitations=3,
    )  # fmt: skip
    n = need(fields={"防災", "福祉"}, online=True, preferred_skills={})
    match = score_pair(n, t, W)
    assert match.breakdown.region.via == "online"
    assert match.breakdown.capacity.value == pytest.approx(1.5 / 4.0)
    assert match.explanation_ja == (
        "必須スキル2/2、関心分野が一部一致（1/2）、オンライン参加可、重なる時間2時間（全4時間中）、"
        "今月の残り1.5時間、最近の依頼が多いため順位を調整"
    )


def test_region_reachability_accepts_any_region_name():
    far = need(region="東京", online=False)
    assert score_pair(far, talent(), W).breakdown.region.via == "none"
    assert score_pair(far, talent(regions={"東京"}), W).breakdown.region.via == "reachable"
    assert score_pair(far, talent(home_region="東京"), W).breakdown.region.via == "same"
    assert "活動地域外（東京）" in score_pair(far, talent(), W).explanation_ja


def test_weekly_recurrence_expands_to_dated_occurrences():
    occurrences = weekly_occurrences(date(2026, 12, 1), date(2026, 12, 31), 5, MORNING, 2.0)
    assert [o.on.day for o in occurrences] == [5, 12, 19, 26]
    n = need(schedule=occurrences)
    assert n.total_hours == 8.0 and n.monthly_load == 8.0
    match = score_pair(n, talent(available_dates=(DateRange(date(2026, 12, 10), date(2026, 12, 20)),)), W)
    assert match.breakdown.schedule.overlap_hours == 4.0


# --- fairness ---------------------------------------------------------------------------------


def test_recent_invitations_push_down_and_first_timers_move_up():
    n = need()
    plain = talent(id="t-a")
    asked = talent(id="t-b", recent_invitations=2)
    new = talent(id="t-c", first_timer=True)
    order = [m.talent_id for m in rank_candidates(n, [plain, asked, new], W)]
    assert order == ["t-c", "t-a", "t-b"]


def test_under_represented_groups_get_a_boost_from_exposure():
    exposure = Exposure(
        invited_by_age_band={"30代": 10, "70代以上": 0},
        pool_by_age_band={"30代": 50, "70代以上": 50},
        invited_by_region={"由宇": 10},
        pool_by_region={"由宇": 50, "錦": 50},
    )
    assert representation_deficit(exposure.invited_by_age_band, exposure.pool_by_age_band, "70代以上") == 1.0
    assert representation_deficit(exposure.invited_by_age_band, exposure.pool_by_age_band, "30代") == 0.0
    elder = score_pair(need(), talent(age_band="70代以上", regions={"由宇"}, home_region="錦"), W, exposure)
    assert elder.breakdown.fairness.age_band == W.under_represented_age_boost
    assert elder.breakdown.fairness.region == W.under_represented_region_boost
    assert "参加の少ない年代（70代以上）を優先" in elder.explanation_ja
    assert score_pair(need(), talent(), W, exposure).breakdown.fairness.total == 0.0


def test_youth_boost_only_on_youth_friendly_needs():
    young = talent(age_band="10代")
    assert score_pair(need(), young, W).breakdown.fairness.youth == 0.0
    assert score_pair(need(youth_friendly=True), young, W).breakdown.fairness.youth == W.youth_boost


def test_fairness_is_bounded_by_the_cap():
    exposure = Exposure(
        invited_by_age_band={"30代": 10}, pool_by_age_band={"30代": 1, "10代": 1},
        invited_by_region={"岩国": 10}, pool_by_region={"岩国": 1, "由宇": 1},
    )  # fmt: skip
    everything = talent(age_band="10代", first_timer=True)
    match = score_pair(need(youth_friendly=True), everything, W, exposure)
    f = match.breakdown.fairness
    assert f.first_timer + f.youth + f.age_band + f.region > W.fairness_cap
    assert f.total == W.fairness_cap
    penalised = score_pair(need(), talent(recent_invitations=50), replace(W, version="t", recency_penalty_cap=0.5))
    assert penalised.breakdown.fairness.total == -W.fairness_cap
    for seed in range(5):
        talents, needs, exposure = random_population(100 + seed, 100, 10)
        for n in needs:
            for m in rank_candidates(n, talents, W, exposure, limit=None):
                assert abs(m.score - m.breakdown.base) <= W.fairness_cap + 1e-12


def test_weights_must_sum_to_one_and_be_non_negative():
    with pytest.raises(ValueError):
        replace(W, skills=0.5)
    with pytest.raises(ValueError):
        replace(W, fairness_cap=-0.1)
    other = replace(W, version="2027-01-v2", skills=0.25, interest=0.25)
    assert score_pair(need(), talent(), other).weights_version == "2027-01-v2"


# --- both directions --------------------------------------------------------------------------


def test_opportunities_for_a_talent_use_the_same_scores_best_first():
    talents, needs, exposure = random_population(7, 40, 60)
    for t in talents:
        opportunities = rank_opportunities(t, needs, W, exposure, limit=None)
        scores = [m.score for m in opportunities]
        assert scores == sorted(scores, reverse=True)
        by_need = {n.id: n for n in needs}
        for m in opportunities:
            assert m.score == score_pair(by_need[m.need_id], t, W, exposure).score
        assert {m.need_id for m in opportunities} == {n.id for n in needs if ineligibility(n, t) is None}
        assert rank_opportunities(t, needs, W, exposure, limit=3) == opportunities[:3]


# --- vectorised == plain ----------------------------------------------------------------------


def test_the_matrix_rebuilds_every_talent_exactly():
    talents, _, _ = random_population(3, 200, 0)
    matrix = TalentMatrix.from_talents(talents)
    assert [matrix.talent_at(i) for i in range(len(matrix))] == sorted(talents, key=lambda t: t.id)


@pytest.mark.parametrize("seed", range(12))
def test_vectorised_scores_equal_plain_scores_exactly(seed):
    talents, needs, exposure = random_population(seed, 250, 15)
    matrix = TalentMatrix.from_talents(talents)
    weights = W if seed % 2 else replace(W, version="alt", skills=0.1, interest=0.3, region=0.1, schedule=0.3, capacity=0.2, fairness_cap=0.2)
    by_id = {t.id: t for t in talents}
    for n in needs:
        plain = rank_candidates(n, talents, weights, exposure, limit=None)
        scored = score_need(matrix, n, weights, exposure)
        vector = {matrix.ids[r]: s for r, s in zip(scored.rows, scored.scores)}
        assert vector == {m.talent_id: m.score for m in plain}  # exact float equality, not approx
        assert rank_candidates_in(matrix, n, weights, exposure, limit=None) == plain
        assert rank_candidates_in(matrix, n, weights, exposure, limit=5) == plain[:5]
        assert all(score_pair(n, by_id[m.talent_id], weights, exposure) == m for m in plain[:3])


def test_top_k_breaks_ties_by_talent_id_in_both_paths():
    twins = [talent(id=f"t-{i:02d}") for i in (7, 3, 9, 1, 5)] + [talent(id="t-00", first_timer=True)]
    matrix = TalentMatrix.from_talents(twins)
    expected = ["t-00", "t-01", "t-03"]
    assert [m.talent_id for m in rank_candidates(need(), twins, W, limit=3)] == expected
    assert [m.talent_id for m in rank_candidates_in(matrix, need(), W, limit=3)] == expected


def test_a_need_nobody_can_fill_returns_nothing():
    matrix = TalentMatrix.from_talents([talent()])
    assert rank_candidates_in(matrix, need(required_skills={"welding": 1}), W) == []
    assert rank_candidates_in(TalentMatrix.from_talents([]), need(), W) == []
    assert rank_candidates(need(required_skills={"welding": 1}), [talent()], W) == []


def test_profiles_reject_bad_values():
    with pytest.raises(ValueError):
        talent(skills={"cooking": 6})
    with pytest.raises(ValueError):
        need(region=None, online=False)
    with pytest.raises(ValueError):
        need(preferred_skills={"cooking": 1})
    with pytest.raises(ValueError):
        Occurrence(SATURDAY + timedelta(days=1), MORNING, 0)
    assert NO_EXPOSURE.age_band_deficit("20代") == 0.0


def test_first_timers_gain_more_on_first_step_needs():
    new = talent(first_timer=True)
    assert score_pair(need(), new, W).breakdown.fairness.first_timer == W.first_timer_boost
    assert score_pair(need(first_step=True), new, W).breakdown.fairness.first_timer == W.first_step_first_timer_boost
    assert score_pair(need(first_step=True), talent(), W).breakdown.fairness.first_timer == 0.0


def test_an_online_only_need_explains_a_talent_who_cannot_join_online():
    online_only = need(region=None, online=True)
    assert score_pair(online_only, talent(online=True), W).breakdown.region.via == "online"
    offline = score_pair(online_only, talent(online=False), W)
    assert offline.breakdown.region.value == 0.0
    assert "オンライン参加不可" in offline.explanation_ja and "None" not in offline.explanation_ja


def test_limit_zero_returns_nothing_in_both_paths():
    matrix = TalentMatrix.from_talents([talent()])
    assert rank_candidates(need(), [talent()], W, limit=0) == []
    assert rank_candidates_in(matrix, need(), W, limit=0) == []
