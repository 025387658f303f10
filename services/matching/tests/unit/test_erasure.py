"""Erasure in matching: a person deletes their own profile, an operator erases a person; what
counts keep (matches, impressions) stays under an alias, the rest is gone, and a repeat is a no-op."""
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.matching.app import erasure, gatherings, matches, needs, staff_invitations, talents
from services.matching.app.gatherings import CreateGathering, SignUpFor
from services.matching.app.matches import ProposeMatch
from services.matching.app.needs import PostNeed
from services.matching.domain.match import RelayedMessage
from services.matching.domain.need_schedule import NeedSchedule, OneOff
from services.matching.domain.talent import Contact
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.registry_events import deliver, registry_event

ORG = str(uuid.uuid4())
OPERATOR = Actor("operator", key_id="op")
PERSON_ID = str(uuid.uuid4())
PERSON = Actor("citizen", PERSON_ID)
FREE_TEXT = "土曜の朝なら伺えます"


@pytest.fixture
def uow():
    uow = MemoryMatchingUnitOfWork()
    deliver(uow, registry_event("registry.organisation_registered", {
        "organisation_id": ORG, "kind": "npo", "region": "yu", "fields": ["disaster_prevention"],
        "status": "verified"}))
    talents.create_talent(uow, PERSON, str(uuid.uuid4()), None, {
        "age_band": "20代", "skills": {"first_aid": 3}, "interests": [], "regions": ["yu"], "home_region": "yu",
        "online": False, "weekly_availability": [(5, "morning")], "available_dates": [], "languages": ["ja"],
        "first_timer": False, "max_hours_per_month": 20.0, "origin": "citizen", "offer_id": None,
        "contact": Contact("hanako@example.jp", "090-1234-5678")})
    need = needs.post_need(uow, Actor("organisation", ORG), PostNeed(
        need_id=str(uuid.uuid4()), title="防災訓練の受付", kind="volunteer_shift", slots=2,
        required_skills={"first_aid": 2}, schedule=NeedSchedule(dates=(OneOff(date(2027, 1, 9), "morning", 3.0),))))
    match = matches.propose_match(uow, PERSON, ProposeMatch(match_id=str(uuid.uuid4()), need_id=need.id))
    uow.match_messages.add(RelayedMessage(id=str(uuid.uuid4()), match_id=match.id, by="talent",
                                          body=FREE_TEXT, sent_at=match.created_at))
    uow.staff_invitations.rows["i"] = staff_invitations.StaffInvitation(
        id="i", offer_id=str(uuid.uuid4()), partner_id=str(uuid.uuid4()), person_id=PERSON_ID, status="pending",
        created_at=match.created_at)
    uow.impressions.record([(PERSON_ID, need.id, match.created_at)])
    starts = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=5)
    talk = gatherings.create_gathering(uow, Actor("organisation", ORG), CreateGathering(
        gathering_id=str(uuid.uuid4()), title="防災講座", kind="talk", starts_at=starts,
        ends_at=starts + timedelta(hours=2), capacity=10, online_url="https://meet.example.jp/bousai")).gathering
    gatherings.sign_up(uow, PERSON, SignUpFor(str(uuid.uuid4()), talk.id))
    uow.calendar_feeds.rotate(f"citizen:{PERSON_ID}")
    uow.match_id = match.id
    return uow


def _everything(uow) -> str:
    return repr([uow.talents.rows, uow.matches.rows, uow.match_messages.rows, uow.impressions.rows,
                 uow.staff_invitations.rows, uow.sign_ups.rows, uow.calendar_feeds.versions])


def test_a_person_deletes_their_own_profile_and_nothing_of_them_remains(uow):
    for stranger in (Actor("citizen", str(uuid.uuid4())), Actor("partner", str(uuid.uuid4())),
                     Actor("organisation", ORG)):
        with pytest.raises(Forbidden):
            erasure.delete_own_profile(uow, stranger, PERSON_ID)
    assert uow.talents.get(PERSON_ID) is not None
    erased = erasure.delete_own_profile(uow, PERSON, PERSON_ID)
    assert erased == {"talent_profiles": 1, "staff_invitations": 1, "match_messages": 1,
                      "matches_anonymised": 1, "impressions_anonymised": 1, "sign_ups_anonymised": 1,
                      "calendar_feeds": 1}
    everything = _everything(uow)
    for value in (PERSON_ID, "hanako@example.jp", "090-1234-5678", FREE_TEXT):
        assert value not in everything
    assert uow.matches.get(uow.match_id).need_id  # the match still counts, under an alias
    with pytest.raises(NotFound):
        erasure.delete_own_profile(uow, PERSON, PERSON_ID)


def test_an_operator_erases_a_person_once_and_a_repeat_changes_nothing(uow):
    with pytest.raises(Forbidden):
        erasure.erase_person(uow, PERSON, PERSON_ID)
    assert erasure.erase_person(uow, OPERATOR, PERSON_ID)["talent_profiles"] == 1
    before = _everything(uow)
    assert set(erasure.erase_person(uow, OPERATOR, PERSON_ID).values()) == {0}
    assert _everything(uow) == before and PERSON_ID not in before
