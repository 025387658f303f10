"""Matching's talents, needs and matches on SQLite and PostgreSQL, schemas built by the migrations;
slots never over-filled by concurrent accepts (a conditional UPDATE decides, not Python)."""
import threading
import uuid
from datetime import date

import pytest
from sqlalchemy import select, text

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.matching.adapters.tables import MESSAGING
from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
from services.matching.app import matches, needs, recommendations, talents
from services.matching.app.matches import ProposeMatch
from services.matching.app.needs import PostNeed
from services.matching.contract.events import PUBLISHED
from services.matching.domain.need import KnownOrganisation
from services.matching.domain.need_schedule import NeedSchedule, OneOff, Weekly
from services.matching.domain.talent import Contact

ORG = str(uuid.uuid4())
GROUP = Actor("organisation", ORG)


@pytest.fixture
def make_uow(database_url):
    upgrade("matching", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    yield lambda: SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING)
    engine.dispose()


def profile(**overrides):
    return {"age_band": "30代", "skills": {"first_aid": 3}, "interests": ["welfare"], "regions": ["kuga"],
            "home_region": "kuga", "online": True, "weekly_availability": [(5, "morning"), (6, "afternoon")],
            "available_dates": [(date(2027, 1, 1), date(2027, 12, 31))], "languages": ["ja", "en"],
            "first_timer": True, "max_hours_per_month": 10.0, "origin": "citizen", "offer_id": None,
            "contact": Contact("taro@example.jp", "0827-00-0000"), **overrides}


def setup_need(make_uow, slots):
    with make_uow() as uow:
        uow.organisations.save(KnownOrganisation(ORG, "kuga", ["welfare"], "verified", "npo"))
        uow.commit()
    schedule = NeedSchedule(dates=(OneOff(date(2027, 1, 9), "morning", 2.0),),
                            weekly=Weekly(6, "afternoon", 1.5, date(2027, 1, 1), date(2027, 2, 28)))
    return needs.post_need(make_uow(), GROUP, PostNeed(
        need_id=str(uuid.uuid4()), title="見守り訪問", kind="volunteer_shift", slots=slots,
        required_skills={"first_aid": 2}, preferred_skills={"cooking": 1}, schedule=schedule,
        youth_friendly=True, first_step=True))


def new_talent(make_uow, **overrides):
    talent_id = str(uuid.uuid4())
    talents.create_talent(make_uow(), Actor("citizen", talent_id), str(uuid.uuid4()), None, profile(**overrides))
    return talent_id


def test_talents_and_needs_round_trip_through_the_tables(make_uow):
    need = setup_need(make_uow, slots=2)
    me = new_talent(make_uow)
    with make_uow() as uow:
        stored_need, stored = uow.needs.get(need.id), uow.talents.get(me)
        assert uow.organisations.get(ORG).kind == "npo"
    assert stored_need.schedule == need.schedule and stored_need.required_skills == {"first_aid": 2}
    assert stored_need.profile().total_hours == need.profile().total_hours
    assert (stored.available_dates, stored.weekly_availability) == (
        [(date(2027, 1, 1), date(2027, 12, 31))], [(5, "morning"), (6, "afternoon")])
    assert stored.contact == Contact("taro@example.jp", "0827-00-0000")
    updated = talents.update_talent(make_uow(), Actor("citizen", me), me, {"max_hours_per_month": 4.0})
    assert updated.max_hours_per_month == 4.0
    [candidate] = recommendations.candidates(make_uow(), GROUP, need.id)
    assert candidate.match.talent_id == me and candidate.match.breakdown.fairness.first_timer > 0


def test_the_lifecycle_and_the_outbox_on_the_real_tables(make_uow):
    need = setup_need(make_uow, slots=1)
    a, b = new_talent(make_uow), new_talent(make_uow)
    first = matches.propose_match(make_uow(), GROUP, ProposeMatch(str(uuid.uuid4()), need.id, a))
    second = matches.propose_match(make_uow(), Actor("citizen", b), ProposeMatch(str(uuid.uuid4()), need.id))
    assert matches.accept(make_uow(), Actor("citizen", a), first.id).match.status == "accepted"
    assert matches.accept(make_uow(), GROUP, second.id).match.status == "waitlisted"
    confirmed = matches.confirm(make_uow(), GROUP, first.id)
    assert confirmed.contact.email == "taro@example.jp"
    matches.withdraw(make_uow(), Actor("citizen", a), first.id)
    promoted = matches.get_match(make_uow(), GROUP, second.id)
    assert promoted.match.status == "accepted" and promoted.contact is None
    with make_uow() as uow:
        assert uow.needs.get(need.id).filled == 1
        types = list(uow.session.execute(select(MESSAGING.outbox.c.type)
                                         .order_by(MESSAGING.outbox.c.seq)).scalars())
    report = recommendations.exposure_report(make_uow(), Actor("operator"))
    assert {"matching.match_waitlisted", "matching.contact_released", "matching.match_promoted",
            "matching.match_withdrawn"} <= set(types)
    # Filled by the first, open again when it was withdrawn, filled again by the promotion.
    assert [t for t in types if t.startswith("matching.need_")] == [
        "matching.need_posted", "matching.need_closed", "matching.need_reopened",
        "matching.need_closed"]
    assert sum(r.invited for r in report.rows if r.dimension == "region") == 1


@pytest.mark.parametrize("slots, people", [(3, 8)])
def test_concurrent_accepts_never_overfill_a_need(make_uow, database_url, slots, people):
    need = setup_need(make_uow, slots=slots)
    talent_ids = [new_talent(make_uow) for _ in range(people)]
    proposed = [matches.propose_match(make_uow(), GROUP, ProposeMatch(str(uuid.uuid4()), need.id, t))
                for t in talent_ids]
    start, results, errors = threading.Barrier(people), [], []

    def accept(talent_id, match_id):
        try:
            start.wait()
            results.append(matches.accept(make_uow(), Actor("citizen", talent_id), match_id).match.status)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=accept, args=(t, m.id)) for t, m in zip(talent_ids, proposed)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(results) == ["accepted"] * slots + ["waitlisted"] * (people - slots)
    with make_uow() as uow:
        assert uow.needs.get(need.id).filled == slots
        held = uow.session.execute(text("SELECT count(*) FROM matches WHERE need_id = :n AND status = 'accepted'"),
                                   {"n": need.id}).scalar()
        closed = uow.session.execute(select(MESSAGING.outbox.c.type).where(
            MESSAGING.outbox.c.type == "matching.need_closed")).all()
    assert held == slots
    assert len(closed) == 1  # only the accept that took the last slot says it filled


def test_the_database_refuses_a_fill_beyond_the_slots(make_uow):
    need = setup_need(make_uow, slots=1)
    with make_uow() as uow:
        assert uow.needs.take_slot(need.id) is True
        assert uow.needs.take_slot(need.id) is False
        uow.commit()
    with make_uow() as uow, pytest.raises(Exception):
        uow.session.execute(text("UPDATE needs SET filled = 2 WHERE id = :n"), {"n": need.id})
        uow.session.flush()


def test_a_closed_need_is_stored_and_leaves_the_open_needs(make_uow):
    need = setup_need(make_uow, slots=2)
    assert needs.end_need(make_uow(), GROUP, need.id, "cancelled").status == "cancelled"
    with make_uow() as uow:
        assert uow.needs.get(need.id).status == "cancelled"
        assert need.id not in {n.id for n in uow.needs.open_needs()}
        types = list(uow.session.execute(select(MESSAGING.outbox.c.type)).scalars())
    assert types.count("matching.need_closed") == 1


def test_offers_round_trip_and_rank_needs(make_uow):
    from services.matching.app import offers

    need = setup_need(make_uow, slots=2)
    shop = str(uuid.uuid4())
    with make_uow() as uow:
        uow.organisations.save(KnownOrganisation(shop, "kuga", [], "verified", "business"))
        uow.commit()
    offer = offers.post_offer(make_uow(), Actor("partner", shop), str(uuid.uuid4()), None, {
        "kind": "staff_time", "title": "社員ボランティア", "description": "", "skills": {"first_aid": 3},
        "fields": ["welfare"], "quantity": 5, "unit": "人", "regions": ["kuga"], "online": False,
        "starts": date(2027, 1, 1), "ends": date(2027, 1, 31)})
    with make_uow() as uow:
        assert uow.offers.get(offer.id) == offer
    [ranked] = offers.needs_for_offer(make_uow(), Actor("partner", shop), offer.id, today=date(2026, 12, 1))
    assert ranked.need.id == need.id and ranked.match.breakdown.skills_covered == 1
    # the one-off (9 Jan) and the five Sundays of January, of 1 + 9 dates in all
    assert (ranked.match.breakdown.dates_covered, ranked.match.breakdown.dates_total) == (6, 10)


def test_a_double_accept_of_one_match_takes_one_slot(make_uow):
    from services.common.errors import Conflict

    need = setup_need(make_uow, slots=5)
    me = new_talent(make_uow)
    match = matches.propose_match(make_uow(), GROUP, ProposeMatch(str(uuid.uuid4()), need.id, me))
    start, outcomes = threading.Barrier(4), []

    def accept():
        start.wait()
        try:
            outcomes.append(matches.accept(make_uow(), Actor("citizen", me), match.id).match.status)
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=accept) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["accepted"] + ["conflict"] * 3
    with make_uow() as uow:
        assert uow.needs.get(need.id).filled == 1


def test_a_known_organisation_is_inserted_once_then_updated_in_place(make_uow):
    with make_uow() as uow:
        uow.organisations.save(KnownOrganisation(ORG, "kuga", ["welfare"], "unverified", "npo"))
        uow.organisations.save(KnownOrganisation(ORG, "yu", ["disaster"], "verified", "npo", 1998, "npo_corp"))
        uow.commit()
    with make_uow() as uow:
        assert uow.organisations.get(ORG) == KnownOrganisation(ORG, "yu", ["disaster"], "verified", "npo",
                                                               1998, "npo_corp")
        assert uow.session.execute(text("SELECT count(*) FROM known_organisations")).scalar_one() == 1
