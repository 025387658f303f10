"""Participation in gatherings and funding outcomes from matching's events, per region and fiscal year."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.reports.app.funding_outcomes import funding_outcomes
from services.reports.app.gathering_participation import gathering_participation
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork

ORGANISER = str(uuid.uuid4())


def created(uow, gathering_id, region, starts_at):
    deliver(uow, "matching.gathering_created", {
        "gathering_id": gathering_id, "organiser_id": ORGANISER, "kind": "workshop", "region": region,
        "fields": ["welfare"], "starts_at": starts_at, "capacity": 20, "fee_yen": 0, "online": False,
        "status": "scheduled"})


def attended(uow, gathering_id, region, held_on, came, youth, first):
    deliver(uow, "matching.gathering_attendance_recorded", {
        "gathering_id": gathering_id, "organiser_id": ORGANISER, "region": region, "held_on": held_on,
        "signed_up": came + 2, "attended": came, "youth_attended": youth, "first_timers_attended": first})


def test_youth_and_first_timers_are_counted_per_gathering_and_region_in_its_fiscal_year():
    uow = MemoryReportsUnitOfWork()
    march, april, other = (str(uuid.uuid4()) for _ in range(3))
    created(uow, march, "kuga", "2027-03-31T18:00:00+09:00")  # still FY2026 in Japan
    created(uow, april, "kuga", "2027-04-10T10:00:00+09:00")
    attended(uow, march, "kuga", "2027-03-31", 10, 3, 4)
    attended(uow, march, "kuga", "2027-03-31", 12, 4, 4)  # a corrected record replaces the first
    attended(uow, other, "yu", "2026-06-01", 5, 1, 5)  # counts arriving before the creation
    deliver(uow, "matching.gathering_outcome_recorded", {
        "gathering_id": march, "organiser_id": ORGANISER, "ideas": 3, "follow_ups": 1})
    report = gathering_participation(uow, Actor("operator"), 2026)
    assert [(g.gathering_id, g.attended, g.ideas) for g in report.gatherings] == [(other, 5, 0), (march, 12, 3)]
    kuga = next(r for r in report.regions if r.region == "kuga")
    assert kuga.gatherings == 1 and kuga.counts["youth_attended"] == 4 and kuga.youth_share == round(4 / 12, 4)
    assert [g.gathering_id for g in gathering_participation(uow, Actor("operator"), 2027).gatherings] == [april]
    with pytest.raises(Forbidden):
        gathering_participation(uow, Actor("organisation", ORGANISER), 2026)


def test_funding_is_counted_per_programme_region_and_the_fiscal_year_it_was_applied_in():
    uow = MemoryReportsUnitOfWork()
    opportunity = str(uuid.uuid4())
    deliver(uow, "matching.funding_opportunity_published", {
        "opportunity_id": opportunity, "programme": "協働のまちづくり事業補助金", "funder": "岩国市",
        "opens_on": "2027-04-15", "closes_on": "2027-05-31", "amount_min_yen": 50000, "amount_max_yen": 300000,
        "regions": []})
    deliver(uow, "matching.funding_opportunity_published", {
        "opportunity_id": str(uuid.uuid4()), "programme": "地域づくり応援事業", "funder": "岩国市",
        "opens_on": "2027-06-01", "closes_on": "2027-06-30", "amount_min_yen": 0, "amount_max_yen": 100000,
        "regions": []})

    def application(region, applied_on, result=None, amount=0):
        facts = {"application_id": str(uuid.uuid4()), "opportunity_id": opportunity,
                 "organisation_id": str(uuid.uuid4()), "programme": "協働のまちづくり事業補助金",
                 "region": region, "applied_on": applied_on}
        deliver(uow, "matching.funding_applied", facts)
        if result:
            deliver(uow, "matching.funding_result_recorded", {**facts, "result": result, "amount_yen": amount})
        return facts

    application("yu", "2027-05-10", "awarded", 200000)
    application("yu", "2027-05-11", "rejected")
    application("kuga", "2027-05-12")
    late = application("kuga", "2028-03-31", "awarded", 100000)  # FY2027 still
    deliver(uow, "matching.funding_applied", late)  # a replayed application does not undo the result
    report = funding_outcomes(uow, Actor("operator"), 2027)
    assert report.programmes == ["協働のまちづくり事業補助金", "地域づくり応援事業"]
    assert [(r.region, r.applications, r.awarded, r.rejected, r.pending, r.awarded_yen) for r in report.rows] == [
        ("kuga", 2, 1, 0, 1, 100000), ("yu", 2, 1, 1, 0, 200000)]
    assert funding_outcomes(uow, Actor("operator"), 2026).rows == []
    with pytest.raises(Forbidden):
        funding_outcomes(uow, Actor("partner", ORGANISER), 2027)
