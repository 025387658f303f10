"""Talent profiles, explained recommendations and the match lifecycle, on in-memory fakes."""
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from services.matching.app import matches, needs, recommendations, talents
from services.matching.app.matches import ProposeMatch
from services.matching.app.needs import PostNeed
from services.matching.app.ports import MatchFilter
from services.matching.domain.need_schedule import NeedSchedule, OneOff, Weekly
from services.matching.domain.talent import Contact
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.registry_events import deliver, registry_event

ORG = str(uuid.uuid4())
OPERATOR = Actor("operator", key_id="op")
GROUP = Actor("organisation", ORG)
SATURDAY = date(2027, 1, 9)


def profile(**overrides):
    return {"age_band": "20代", "skills": {"first_aid": 3}, "interests": ["disaster_prevention"],
            "regions": ["yu"], "home_region": "yu", "online": False,
            "weekly_availability": [(5, "morning")], "available_dates": [], "languages": ["ja"],
            "first_timer": False, "max_hours_per_month": 20.0, "origin": "citizen", "offer_id": None,
            "contact": Contact("hanako@example.jp", "090-1234-5678"), **overrides}


def new_talent(uow, **overrides):
    talent_id = str(uuid.uuid4())
    talents.create_talent(uow, Actor("citizen", talent_id), str(uuid.uuid4()), None, profile(**overrides))
    return talent_id


@pytest.fixture
def uow():
    uow = MemoryMatchingUnitOfWork()
    deliver(uow, registry_event("registry.organisation_registered", {
        "organisation_id": ORG, "kind": "npo", "region": "yu", "fields": ["disaster_prevention"],
        "status": "verified"}))
    return uow


def post_need(uow, slots=2, **overrides):
    command = PostNeed(**{"need_id": str(uuid.uuid4()), "title": "防災訓練の受付", "kind": "volunteer_shift",
                          "slots": slots, "required_skills": {"first_aid": 2},
                          "schedule": NeedSchedule(dates=(OneOff(SATURDAY, "morning", 3.0),)), **overrides})
    return needs.post_need(uow, GROUP, command)


def test_a_citizen_creates_their_own_profile_with_their_keys_id(uow):
    me = str(uuid.uuid4())
    talent = talents.create_talent(uow, Actor("citizen", me), str(uuid.uuid4()), None, profile())
    assert talent.id == me and talent.age_band == "20代"
    [event] = uow.published[-1:]
    assert event.type == "matching.talent_registered" and "contact" not in event.payload()
    assert "hanako" not in str(event.payload())


def test_a_citizen_cannot_create_someone_elses_profile(uow):
    with pytest.raises(Forbidden):
        talents.create_talent(uow, Actor("citizen", str(uuid.uuid4())), str(uuid.uuid4()),
                              str(uuid.uuid4()), profile())


def test_a_retried_create_returns_the_profile_and_a_second_one_conflicts(uow):
    me, request = str(uuid.uuid4()), str(uuid.uuid4())
    first = talents.create_talent(uow, Actor("citizen", me), request, None, profile())
    assert talents.create_talent(uow, Actor("citizen", me), request, None, profile()) == first
    with pytest.raises(Conflict):
        talents.create_talent(uow, Actor("citizen", me), str(uuid.uuid4()), None, profile())


def test_profile_rules_give_field_messages(uow):
    with pytest.raises(ValidationFailed) as error:
        talents.create_talent(uow, OPERATOR, str(uuid.uuid4()), None,
                              profile(age_band="25歳", regions=[], home_region=None, max_hours_per_month=0))
    assert {"age_band", "regions", "max_hours_per_month"} <= set(error.value.fields)


def test_only_the_person_and_operators_read_and_update_a_profile(uow):
    me = new_talent(uow)
    assert talents.get_talent(uow, OPERATOR, me).contact.email == "hanako@example.jp"
    for stranger in (GROUP, Actor("citizen", str(uuid.uuid4())), Actor("partner", "p")):
        with pytest.raises(Forbidden):
            talents.get_talent(uow, stranger, me)
    updated = talents.update_talent(uow, Actor("citizen", me), me, {"skills": {"first_aid": 5}})
    assert updated.skills == {"first_aid": 5} and uow.published[-1].changed == ["skills"]
    with pytest.raises(NotFound):
        talents.get_talent(uow, OPERATOR, str(uuid.uuid4()))


def test_needs_carry_skills_schedule_and_flags(uow):
    weekly = Weekly(5, "morning", 2.0, date(2027, 1, 1), date(2027, 3, 31))
    need = post_need(uow, youth_friendly=True, first_step=True, online=True,
                     schedule=NeedSchedule(weekly=weekly), preferred_skills={"cooking": 2})
    assert need.profile().total_hours == 2.0 * 13 and need.youth_friendly and need.first_step
    with pytest.raises(ValidationFailed) as error:
        post_need(uow, preferred_skills={"first_aid": 1})
    assert "preferred_skills" in error.value.fields


def test_candidates_are_ranked_explained_and_never_break_hard_constraints(uow):
    good = new_talent(uow)
    new_talent(uow, skills={"first_aid": 1})  # below the required level
    new_talent(uow, weekly_availability=[(0, "evening")])  # never free on the need's date
    first_timer = new_talent(uow, first_timer=True, home_region="kuga", regions=["kuga"])
    need = post_need(uow)
    found = recommendations.candidates(uow, GROUP, need.id)
    assert [c.match.talent_id for c in found] == [good, first_timer]
    best = found[0]
    assert best.match.weights_version == "2026-11-v1"
    assert best.match.breakdown.skills.required_met == 1 and best.match.breakdown.schedule.overlap_hours == 3
    assert "必須スキル1/1" in best.match.explanation_ja and "同じ地域（yu）" in best.match.explanation_ja
    assert "同じ地域（由宇）" in best.match.explain_ja({"yu": "由宇"})
    assert "required skills 1/1" in best.match.explanation_en
    assert [row[:2] for row in uow.impressions.rows] == [(good, need.id), (first_timer, need.id)]


def test_another_organisation_cannot_see_candidates(uow):
    need = post_need(uow)
    with pytest.raises(Forbidden):
        recommendations.candidates(uow, Actor("organisation", str(uuid.uuid4())), need.id)
    with pytest.raises(Forbidden):
        recommendations.candidates(uow, Actor("citizen", str(uuid.uuid4())), need.id)


def test_opportunities_rank_open_needs_for_the_talent_only(uow):
    me = new_talent(uow)
    fits, too_hard = post_need(uow), post_need(uow, required_skills={"first_aid": 5})
    found = recommendations.opportunities(uow, Actor("citizen", me), me)
    assert [o.need.id for o in found] == [fits.id] and too_hard.id not in [o.need.id for o in found]
    with pytest.raises(Forbidden):
        recommendations.opportunities(uow, Actor("citizen", str(uuid.uuid4())), me)


def propose(uow, actor, need, talent_id=None):
    return matches.propose_match(uow, actor, ProposeMatch(str(uuid.uuid4()), need.id, talent_id))


def test_the_whole_lifecycle_releases_contact_only_on_confirmation(uow):
    me = new_talent(uow)
    need = post_need(uow)
    invited = propose(uow, GROUP, need, me)
    assert invited.status == "proposed" and invited.proposed_by == "organisation" and invited.score > 0
    with pytest.raises(Forbidden):
        matches.accept(uow, GROUP, invited.id)  # the invited side answers
    talent = Actor("citizen", me)
    accepted = matches.accept(uow, talent, invited.id)
    assert accepted.match.status == "accepted" and accepted.contact is None
    assert matches.get_match(uow, GROUP, invited.id).contact is None
    confirmed = matches.confirm(uow, GROUP, invited.id)
    assert confirmed.match.status == "confirmed" and confirmed.contact.email == "hanako@example.jp"
    matches.log_hours(uow, talent, invited.id, 3)
    with pytest.raises(ValidationFailed):
        matches.approve_hours(uow, GROUP, invited.id, people_reached=-1)
    assert matches.get_match(uow, GROUP, invited.id).match.status == "hours_logged"
    completed = matches.approve_hours(uow, GROUP, invited.id, people_reached=40)
    assert (completed.match.status, completed.match.hours) == ("completed", 3)
    matches.give_feedback(uow, talent, invited.id, 5, "楽しかったです")
    with pytest.raises(Conflict):
        matches.give_feedback(uow, talent, invited.id, 4, "")
    types = [e.type for e in uow.published if e.type.startswith("matching.match") or "contact" in e.type]
    assert types == ["matching.match_proposed", "matching.match_accepted", "matching.match_confirmed",
                     "matching.contact_released", "matching.match_hours_logged",
                     "matching.match_completed", "matching.match_feedback_given"]
    assert all("hanako" not in str(e.payload()) for e in uow.published)
    assert uow.needs.rows[need.id].filled == 1
    [done] = [e.payload() for e in uow.published if e.type == "matching.match_completed"]
    # the approval day places the approved hours in a fiscal year for reports
    assert (done["hours"], done["completed_on"]) == (3.0, datetime.now(timezone.utc).date().isoformat())
    assert done["people_reached"] == 40  # as the organisation counted them, additively on the event
    assert [e.payload()["offer_id"] for e in uow.published
            if e.type == "matching.talent_registered"] == [None]


def test_an_application_is_accepted_by_the_organisation_and_confirmed_by_the_talent(uow):
    me = new_talent(uow)
    applied = propose(uow, Actor("citizen", me), post_need(uow))
    assert applied.proposed_by == "talent"
    matches.accept(uow, GROUP, applied.id)
    with pytest.raises(Forbidden):
        matches.confirm(uow, GROUP, applied.id)
    assert matches.confirm(uow, Actor("citizen", me), applied.id).match.status == "confirmed"


def test_a_full_need_waitlists_and_promotes_when_a_slot_frees(uow):
    need = post_need(uow, slots=1)
    people = [new_talent(uow) for _ in range(3)]
    proposed = [propose(uow, GROUP, need, p) for p in people]
    states = [matches.accept(uow, Actor("citizen", p), m.id).match.status for p, m in zip(people, proposed)]
    assert states == ["accepted", "waitlisted", "waitlisted"]
    matches.withdraw(uow, Actor("citizen", people[0]), proposed[0].id)
    assert uow.matches.rows[proposed[1].id].status == "accepted"
    assert uow.matches.rows[proposed[2].id].status == "waitlisted"
    assert uow.needs.rows[need.id].filled == 1
    assert uow.published[-1].type == "matching.match_promoted"


def test_ineligible_and_duplicate_proposals_are_refused(uow):
    novice = new_talent(uow, skills={})
    need = post_need(uow)
    with pytest.raises(ValidationFailed) as error:
        propose(uow, GROUP, need, novice)
    assert "talent_id" in error.value.fields
    me = new_talent(uow)
    propose(uow, GROUP, need, me)
    with pytest.raises(Conflict):
        propose(uow, Actor("citizen", me), need)
    with pytest.raises(Forbidden):
        propose(uow, Actor("organisation", str(uuid.uuid4())), need, me)


def test_decline_and_expiry(uow):
    need = post_need(uow, slots=3)
    a, b = new_talent(uow), new_talent(uow)
    declined = propose(uow, GROUP, need, a)
    assert matches.decline(uow, Actor("citizen", a), declined.id).match.status == "declined"
    stale = propose(uow, GROUP, need, b)
    assert matches.expire_stale(uow, OPERATOR, timedelta(days=14)) == 0
    later = datetime.now(timezone.utc) + timedelta(days=15)
    assert matches.expire_stale(uow, OPERATOR, timedelta(days=14), now=later) == 1
    assert uow.matches.rows[stale.id].status == "expired"
    with pytest.raises(Forbidden):
        matches.expire_stale(uow, GROUP)


def test_parties_list_only_their_own_matches(uow):
    me = new_talent(uow)
    other = new_talent(uow)
    need = post_need(uow, slots=3)
    propose(uow, GROUP, need, me)
    propose(uow, GROUP, need, other)
    mine = matches.list_matches(uow, Actor("citizen", me), MatchFilter())
    assert [v.match.talent_id for v in mine.items] == [me]
    assert len(matches.list_matches(uow, GROUP, MatchFilter()).items) == 2


def test_recent_invitations_push_down_and_the_exposure_report_counts(uow):
    often, fresh = new_talent(uow), new_talent(uow)
    for _ in range(3):
        propose(uow, GROUP, post_need(uow), often)
    need = post_need(uow)
    found = {c.match.talent_id: c for c in recommendations.candidates(uow, GROUP, need.id)}
    assert found[often].match.breakdown.fairness.recency_penalty > 0
    assert found[fresh].match.score > found[often].match.score
    report = recommendations.exposure_report(uow, OPERATOR)
    [twenties] = [r for r in report.rows if r.dimension == "age_band" and r.group == "20代"]
    assert (twenties.pool, twenties.shown, twenties.invited, twenties.matched) == (2, 2, 3, 0)
    with pytest.raises(Forbidden):
        recommendations.exposure_report(uow, GROUP)


def test_a_rejected_organisation_cannot_post_after_registry_says_so(uow):
    deliver(uow, registry_event("registry.organisation_rejected", {"organisation_id": ORG}))
    with pytest.raises(ValidationFailed):
        post_need(uow)
    deliver(uow, registry_event("registry.organisation_updated", {
        "organisation_id": ORG, "kind": "business", "region": "kuga", "fields": [], "status": "verified"}))
    assert uow.organisations.get(ORG).kind == "business" and uow.organisations.get(ORG).region == "kuga"


def test_batch_assignment_proposes_the_optimal_set_within_slots(uow):
    from itertools import combinations

    from services.matching.app import batch_assignment
    from services.matching.domain.ranking.pairwise import score_pair
    from services.matching.domain.ranking.weights import CURRENT_WEIGHTS

    people = [new_talent(uow, skills={"first_aid": level}, first_timer=level % 2 == 0) for level in (2, 3, 4, 5)]
    big, small = post_need(uow, slots=2), post_need(uow, slots=1, preferred_skills={"cooking": 1})
    request = str(uuid.uuid4())
    result = batch_assignment.assign(uow, OPERATOR, request)
    assert len(result.proposals) == 3 and all(m.proposed_by == "operator" for m in result.proposals)
    assert len({m.talent_id for m in result.proposals}) == 3  # one need per talent
    # brute force over every feasible choice: the solver's total is the best
    scores = {(n.id, t): score_pair(n.profile(), uow.talents.get(t).profile(), CURRENT_WEIGHTS).score
              for n in (big, small) for t in people}
    best = max(sum(scores[(big.id, a)] + scores[(big.id, b)] for a, b in [pair]) + scores[(small.id, c)]
               for pair in combinations(people, 2) for c in people if c not in pair)
    assert result.total_score == pytest.approx(best, abs=1e-3)
    again = batch_assignment.assign(uow, OPERATOR, request)
    assert {m.id for m in again.proposals} <= {m.id for m in result.proposals}
    assert len(uow.matches.rows) == 3
    with pytest.raises(Forbidden):
        batch_assignment.assign(uow, GROUP, str(uuid.uuid4()))


def test_a_batch_preview_proposes_nothing_and_its_digest_applies_only_that_assignment(uow):
    from services.matching.app import batch_assignment

    people = [new_talent(uow, skills={"first_aid": level}) for level in (2, 4)]
    need = post_need(uow, slots=1)
    preview = batch_assignment.assign(uow, OPERATOR, str(uuid.uuid4()), preview=True)
    assert preview.preview and len(preview.proposals) == 1 and len(preview.digest) == 64
    assert uow.matches.rows == {}  # nothing proposed, no event
    # the same data solves the same way: the digest matches and exactly that pair is proposed
    applied = batch_assignment.assign(uow, OPERATOR, str(uuid.uuid4()), expected_digest=preview.digest)
    assert not applied.preview and applied.digest == preview.digest
    assert [(m.need_id, m.talent_id) for m in applied.proposals] == \
        [(m.need_id, m.talent_id) for m in preview.proposals]
    assert len(uow.matches.rows) == 1

    # the data changes between preview and confirm (the proposed person's pair is taken, a new
    # need opens): the stale digest is refused and nothing more is proposed
    stale = batch_assignment.assign(uow, OPERATOR, str(uuid.uuid4()), preview=True)
    post_need(uow, slots=1)
    with pytest.raises(Conflict) as refused:
        batch_assignment.assign(uow, OPERATOR, str(uuid.uuid4()), expected_digest=stale.digest)
    assert "expected_digest" in refused.value.fields
    assert len(uow.matches.rows) == 1
    assert need.id in {m.need_id for m in applied.proposals} and people


def test_the_cached_talent_pool_follows_profile_changes_and_usage(uow):
    me, other = new_talent(uow), new_talent(uow)
    need = post_need(uow, slots=3)
    assert {c.match.talent_id for c in recommendations.candidates(uow, GROUP, need.id)} == {me, other}
    talents.update_talent(uow, Actor("citizen", other), other, {"skills": {}})
    assert [c.match.talent_id for c in recommendations.candidates(uow, GROUP, need.id)] == [me]
    # hours logged this month count against the monthly maximum without any profile change
    from services.matching.domain.match import Match
    now = datetime.now(timezone.utc)
    uow.matches.add(Match("m", str(uuid.uuid4()), me, ORG, "talent", "completed", None, None, now, now, hours=20.0))
    assert recommendations.candidates(uow, GROUP, need.id) == []


def test_with_usage_replaces_hours_and_invitations_only():
    from services.matching.domain.ranking.profiles import TalentProfile
    from services.matching.domain.ranking.talent_matrix import TalentMatrix

    people = [TalentProfile(id=f"t{i}", skills={"a": 2}, interests=frozenset(), regions=frozenset({"yu"}),
                            online=False, weekly_availability=frozenset({(0, "morning")}), age_band="30代",
                            max_hours_per_month=10.0) for i in range(3)]
    base = TalentMatrix.from_talents(people)
    used = base.with_usage({"t1": 4.0, "t2": 99.0, "nobody": 1.0}, {"t0": 2})
    assert list(used.hours_this_month) == [0.0, 4.0, 10.0] and list(used.remaining_hours) == [10.0, 6.0, 0.0]
    assert list(used.recent_invitations) == [2, 0, 0] and used.talent_at(1).hours_this_month == 4.0
    assert list(base.hours_this_month) == [0.0, 0.0, 0.0] and used.skill_levels is base.skill_levels


def test_parties_talk_through_the_platform_before_confirmation(uow):
    me = new_talent(uow)
    match = propose(uow, GROUP, post_need(uow), me)
    first = matches.send_message(uow, GROUP, match.id, str(uuid.uuid4()), "  集合場所は公民館です。 ")
    assert (first.by, first.body) == ("organisation", "集合場所は公民館です。")
    assert matches.send_message(uow, GROUP, match.id, first.id, "retry") == first  # a retried request
    matches.send_message(uow, Actor("citizen", me), match.id, str(uuid.uuid4()), "了解です")
    assert [m.by for m in matches.list_messages(uow, Actor("citizen", me), match.id)] == ["organisation", "talent"]
    sent = [e for e in uow.published if e.type == "matching.match_message_sent"]
    assert len(sent) == 2 and all("公民館" not in str(e.payload()) for e in sent)
    with pytest.raises(Forbidden):
        matches.send_message(uow, OPERATOR, match.id, str(uuid.uuid4()), "運営より")
    with pytest.raises(Forbidden):
        matches.list_messages(uow, Actor("citizen", str(uuid.uuid4())), match.id)
    with pytest.raises(ValidationFailed):
        matches.send_message(uow, GROUP, match.id, str(uuid.uuid4()), "   ")
    matches.decline(uow, Actor("citizen", me), match.id)
    with pytest.raises(Conflict):
        matches.send_message(uow, GROUP, match.id, str(uuid.uuid4()), "まだいますか")
