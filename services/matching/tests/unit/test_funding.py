"""Funding opportunities against the fakes: eligibility rule by rule with reasons, one notice
when a window opens (eligible organisations only), one reminder before it closes (those that
have not applied), applications and results."""
import uuid
from datetime import date, timedelta

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from services.matching.app import funding
from services.matching.app.funding import PublishOpportunity
from services.matching.domain.funding import Eligibility
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.registry_events import deliver, registry_event

OPERATOR = Actor("operator")
TODAY = funding.today()


def organisation(uow, kind="citizen_group", region="yu", fields=("welfare",), founded_year=2015,
                 legal_form="none"):
    organisation_id = str(uuid.uuid4())
    deliver(uow, registry_event("registry.organisation_registered", {
        "organisation_id": organisation_id, "kind": kind, "region": region, "fields": list(fields),
        "status": "verified", "founded_year": founded_year, "legal_form": legal_form}))
    return organisation_id


def publish(uow, **overrides):
    return funding.publish_opportunity(uow, OPERATOR, PublishOpportunity(**{
        "opportunity_id": str(uuid.uuid4()), "funder": "岩国市", "programme": "協働のまちづくり事業補助金",
        "title": "令和9年度 協働のまちづくり事業", "amount_min_yen": 50_000, "amount_max_yen": 300_000,
        "opens_on": TODAY, "closes_on": TODAY + timedelta(days=30), "remind_days_before": 7,
        "eligibility": Eligibility(kinds=["citizen_group", "npo"], regions=["yu", "kuga"], fields=["welfare"],
                                   min_years_active=3, legal_forms=[]), **overrides}))


@pytest.fixture
def uow():
    return MemoryMatchingUnitOfWork()


def test_an_organisation_sees_open_opportunities_with_the_reason_each_failing_rule_fails(uow):
    young = organisation(uow, kind="business", region="miwa", fields=("sports",), founded_year=TODAY.year - 1)
    fitting = organisation(uow)
    publish(uow)
    publish(uow, eligibility=Eligibility(legal_forms=["npo_corporation"]), programme="NPO法人活動助成")
    publish(uow, opens_on=TODAY + timedelta(days=5), programme="まだ始まらない制度")
    fits = {f.opportunity.programme: f for f in funding.eligibility(uow, Actor("organisation", young), None)}
    first, second = fits["協働のまちづくり事業補助金"], fits["NPO法人活動助成"]
    assert len(fits) == 2, "only open windows are listed"
    assert [f.rule for f in first.failed] == ["kinds", "regions", "fields", "min_years_active"]
    assert first.failed[0].reason.startswith("対象の団体種別ではありません") and " / " in first.failed[0].reason
    assert "1年" in first.failed[3].reason
    assert [f.rule for f in second.failed] == ["legal_forms"]
    fits = funding.eligibility(uow, Actor("organisation", fitting), None)
    assert [f.eligible for f in fits] == [True, False]
    with pytest.raises(Forbidden):
        funding.eligibility(uow, Actor("organisation", fitting), young)
    unknown_year = organisation(uow, founded_year=None)
    fit = next(f for f in funding.eligibility(uow, OPERATOR, unknown_year) if f.opportunity.eligibility.kinds)
    assert fit.failed[0].reason.startswith("設立年が登録されていません")


def test_a_window_is_announced_once_to_the_eligible_and_reminded_to_those_not_yet_applied(uow):
    eligible, applied, ineligible = organisation(uow), organisation(uow), organisation(uow, region="miwa")
    opportunity = publish(uow)
    assert funding.send_window_notices(uow, TODAY) == 1
    opened = uow.published[-1]
    assert opened.type == "matching.funding_window_opened" and set(opened.organisation_ids) == {eligible, applied}
    assert funding.send_window_notices(uow, TODAY) == 0
    funding.apply_for(uow, Actor("organisation", applied), str(uuid.uuid4()), opportunity.id, None)
    assert funding.send_window_notices(uow, opportunity.closes_on - timedelta(days=8)) == 0
    assert funding.send_window_notices(uow, opportunity.closes_on - timedelta(days=7)) == 1
    reminder = uow.published[-1]
    assert reminder.type == "matching.funding_closing_soon" and reminder.organisation_ids == [eligible]
    assert funding.send_window_notices(uow, opportunity.closes_on) == 0
    assert ineligible not in opened.organisation_ids


def test_applications_and_results(uow):
    me = organisation(uow)
    opportunity = publish(uow)
    group = Actor("organisation", me)
    application = funding.apply_for(uow, group, str(uuid.uuid4()), opportunity.id, None)
    assert (application.status, application.region, application.programme) == ("applied", "yu", "協働のまちづくり事業補助金")
    with pytest.raises(Conflict):
        funding.apply_for(uow, group, str(uuid.uuid4()), opportunity.id, None)
    with pytest.raises(ValidationFailed):
        funding.record_result(uow, group, application.id, "awarded", 1_000_000)
    with pytest.raises(ValidationFailed):
        funding.record_result(uow, group, application.id, "rejected", 10)
    with pytest.raises(NotFound):
        funding.record_result(uow, Actor("organisation", str(uuid.uuid4())), application.id, "rejected", None)
    decided = funding.record_result(uow, group, application.id, "awarded", 200_000)
    assert (decided.status, decided.amount_awarded_yen) == ("awarded", 200_000)
    assert uow.published[-1].type == "matching.funding_result_recorded" and uow.published[-1].amount_yen == 200_000
    with pytest.raises(Conflict):
        funding.record_result(uow, OPERATOR, application.id, "rejected", None)
    assert [a.id for a in funding.list_applications(uow, group, None)] == [application.id]


def test_only_operators_publish_and_bad_windows_are_refused(uow):
    with pytest.raises(Forbidden):
        funding.publish_opportunity(uow, Actor("organisation", "x"), None)
    with pytest.raises(ValidationFailed) as refused:
        publish(uow, closes_on=TODAY - timedelta(days=1))
    assert "closes_on" in refused.value.fields
    with pytest.raises(ValidationFailed):
        publish(uow, amount_max_yen=1)
    closed = publish(uow, opens_on=date(2020, 4, 1), closes_on=date(2020, 5, 1))
    with pytest.raises(Conflict):
        funding.apply_for(uow, Actor("organisation", organisation(uow)), str(uuid.uuid4()), closed.id, None)
    assert [o.programme for o in funding.list_opportunities(uow, True, None, 50).items] == []
