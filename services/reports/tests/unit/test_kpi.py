"""Plan KPIs: measures from events, versioned indicators with FY2023 baselines and FY2024–2028
targets, 達成率 and grades, values per region, past days reproduced, drill-down to events."""
import uuid
from datetime import date, datetime

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, ValidationFailed
from services.reports.app import kpi
from services.reports.app.kpi import DefineIndicator, DrillDown, ProgressQuery
from services.reports.domain.kpi import Grades, achievement, summary_line
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork

OPERATOR = Actor("operator", key_id="op")


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T03:00:00+00:00")


def registered(uow, region, day):
    organisation_id = str(uuid.uuid4())
    deliver(uow, "registry.organisation_registered", {
        "organisation_id": organisation_id, "kind": "npo", "region": region,
        "fields": ["welfare"], "status": "verified"}, at(day))
    return organisation_id


def define(uow, code="orgs", measure="organisations_registered", targets=None, now=None,
           **overrides):
    return kpi.define_indicator(uow, OPERATOR, DefineIndicator(**{
        "code": code, "name": "登録団体数", "measure": measure, "unit": None,
        "direction": "higher", "region": None, "baseline": 2.0,
        "targets": targets or {2024: 4.0, 2025: 5.0}, **overrides}), now)


def rows(found, code):
    [indicator] = [p for p in found if p.indicator.code == code]
    return {y.fiscal_year: (y.value, y.target, y.achievement, y.grade) for y in indicator.years}


def test_values_per_fiscal_year_with_achievement_and_grade():
    uow = MemoryReportsUnitOfWork()
    for region, day in (("yu", "2023-06-01"), ("yu", "2024-04-01"), ("kuga", "2024-12-01"),
                        ("miwa", "2025-03-31"), ("yu", "2025-04-01")):
        registered(uow, region, day)
    define(uow)
    as_of, found = kpi.plan_progress(uow, ProgressQuery(regions=("yu", "kuga")))
    years = rows(found, "orgs")
    assert years[2023] == (1.0, None, None, None)
    assert years[2024] == (3.0, 4.0, 75.0, "B")
    assert years[2025] == (1.0, 5.0, 20.0, "C")
    assert found[0].by_region["yu"][2024] == 1.0 and found[0].by_region["kuga"][2024] == 1.0
    strict = Grades(s=100, a=90, b=80)
    _, found = kpi.plan_progress(uow, ProgressQuery(grades=strict))
    assert rows(found, "orgs")[2024][3] == "C"
    assert "S 100%以上" in strict.legend()


def test_lower_is_better_inverts_the_rate_and_the_summary_reads_in_japanese():
    assert achievement(80, 100, "lower") == 125.0 and achievement(120, 100, "higher") == 120.0
    uow = MemoryReportsUnitOfWork()
    registered(uow, "yu", "2024-05-01")
    define(uow, targets={2024: 1.0})
    _, found = kpi.plan_progress(uow, ProgressQuery())
    assert summary_line(found[0], 2024) == (
        "登録団体数は2024年度 1団体、目標 1団体を達成しました（達成率 100%、評価 S）。")


def test_a_change_makes_a_new_version_and_a_past_day_keeps_its_answer():
    uow = MemoryReportsUnitOfWork()
    registered(uow, "yu", "2024-05-01")
    registered(uow, "kuga", "2024-08-01")
    first = define(uow, targets={2024: 4.0}, now=at("2024-06-01"))
    assert first.version == 1
    assert define(uow, targets={2024: 4.0}, now=at("2024-06-02")).version == 1  # nothing changed
    second = kpi.set_target(uow, OPERATOR, "orgs", 2024, 2.0, now=at("2025-01-01"))
    assert (second.version, second.targets[2024]) == (2, 2.0)
    assert [v.targets[2024] for v in kpi.indicator_history(uow, OPERATOR, "orgs")] == [4.0, 2.0]
    assert kpi.plan_progress(uow, ProgressQuery(as_of=date(2024, 5, 15)))[1] == []
    _, then = kpi.plan_progress(uow, ProgressQuery(as_of=date(2024, 7, 1)))
    assert rows(then, "orgs")[2024] == (1.0, 4.0, 25.0, "C")  # version 1, events until then
    _, later = kpi.plan_progress(uow, ProgressQuery(as_of=date(2025, 2, 1)))
    assert rows(later, "orgs")[2024] == (2.0, 2.0, 100.0, "S")
    again = kpi.plan_progress(uow, ProgressQuery(as_of=date(2024, 7, 1)))[1]
    assert rows(again, "orgs") == rows(then, "orgs")


def test_bad_definitions_and_targets_are_refused_and_change_nothing():
    uow = MemoryReportsUnitOfWork()
    with pytest.raises(ValidationFailed) as refused:
        kpi.set_target(uow, OPERATOR, "unknown", 2024, 5.0)
    assert "code" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        define(uow, measure="happiness")
    assert "measure" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        define(uow, targets={2031: 1.0})
    assert "targets" in refused.value.fields
    with pytest.raises(Forbidden):
        kpi.define_indicator(uow, Actor("partner", str(uuid.uuid4())), DefineIndicator(
            "x", "x", "consultations", None, "higher", None, None, {}))
    assert uow.kpi.indicator_versions == []


def test_matching_measures_youth_share_and_drill_down_to_events():
    uow = MemoryReportsUnitOfWork()
    need_id, group = str(uuid.uuid4()), str(uuid.uuid4())
    deliver(uow, "matching.need_posted", {"need_id": need_id, "organisation_id": group,
                                          "title": "清掃", "kind": "event_helper", "region": "yu",
                                          "fields": [], "slots": 3}, at("2024-05-01"))
    match_ids = []
    for band, hours in (("20代", 2.0), ("60代", 3.0), ("10代", 1.5), ("40代", 4.0)):
        talent_id = str(uuid.uuid4())
        deliver(uow, "matching.talent_registered", {
            "talent_id": talent_id, "age_band": band, "home_region": "yu", "regions": ["yu"],
            "online": False, "first_timer": False, "origin": "citizen", "offer_id": None})
        match_ids.append(str(uuid.uuid4()))
        deliver(uow, "matching.match_completed", {
            "match_id": match_ids[-1], "need_id": need_id, "talent_id": talent_id,
            "organisation_id": group, "hours": hours, "completed_on": "2024-07-01"})
    for code, measure in (("hours", "volunteer_hours"), ("youth", "youth_share"),
                          ("done", "matches_completed")):
        define(uow, code=code, measure=measure, targets={2024: 10.0})
    _, found = kpi.plan_progress(uow, ProgressQuery())
    assert rows(found, "hours")[2024][0] == 10.5
    assert rows(found, "youth")[2024][0] == 50.0
    assert rows(found, "done")[2024][0] == 4.0
    indicator, facts = kpi.drill_down(uow, DrillDown("hours", 2024))
    events = {i for i, t in uow.inbox.processed.items() if t == "matching.match_completed"}
    assert {f.event_id for f in facts} == events and sum(f.value for f in facts) == 10.5


def test_the_membership_rate_is_registrys_answer_weighted_by_households():
    uow = MemoryReportsUnitOfWork()
    for region, as_of, households, members, rate in (
            ("yu", "2024-04-01", 100, 80, 0.8), ("yu", "2025-02-01", 100, 70, 0.7),
            ("kuga", "2024-10-01", 300, 150, 0.5), ("kuga", "2025-05-01", 300, 300, 1.0)):
        deliver(uow, "registry.membership_rate_recalculated", {
            "region": region, "as_of": as_of, "associations": 1, "households_in_area": households,
            "member_households": members, "rate": rate})
    define(uow, code="membership", measure="membership_rate", targets={2024: 60.0})
    _, found = kpi.plan_progress(uow, ProgressQuery())
    # FY2024 ends 2025-03-31: yu 0.7 (latest), kuga 0.5 → (70 + 150) / 400
    assert rows(found, "membership")[2024][:3] == (55.0, 60.0, 91.7)
    _, facts = kpi.drill_down(uow, DrillDown("membership", 2024))
    assert [(f.region, f.occurred_on) for f in facts] == [("kuga", date(2024, 10, 1)),
                                                    ("yu", date(2025, 2, 1))]
