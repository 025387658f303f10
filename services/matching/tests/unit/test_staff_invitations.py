"""Identity binding: a citizen creates only its own profile, a partner creates none, and a
business's staff profile needs the business's invitation and the person's acceptance."""
import uuid
from datetime import date

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from services.matching.app import offers, staff_invitations, talents
from services.matching.app.staff_invitations import InvitationListQuery, InviteStaff
from services.matching.domain.talent import Contact
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.registry_events import deliver, registry_event

SHOP, OTHER_SHOP = str(uuid.uuid4()), str(uuid.uuid4())
PARTNER, STRANGER = Actor("partner", SHOP), Actor("partner", OTHER_SHOP)
PERSON_ID = str(uuid.uuid4())
PERSON = Actor("citizen", PERSON_ID)


def _profile(**overrides):
    return {"age_band": "30代", "skills": {"carpentry": 4}, "interests": [], "regions": ["iwakuni"],
            "home_region": "iwakuni", "online": False, "weekly_availability": [(5, "morning")],
            "available_dates": [], "languages": ["ja"], "first_timer": False, "max_hours_per_month": 8.0,
            "origin": "citizen", "offer_id": None, "contact": Contact("staff@example.co.jp", None), **overrides}


def _offer(uow, actor=PARTNER, kind="staff_time"):
    return offers.post_offer(uow, actor, str(uuid.uuid4()), None, {
        "kind": kind, "title": "社員による河川清掃", "description": "",
        "skills": {"carpentry": 3} if kind == "staff_time" else {}, "fields": ["environment"], "quantity": 3,
        "unit": "人", "regions": ["iwakuni"], "online": False, "starts": date(2027, 1, 1),
        "ends": date(2027, 3, 31)})


@pytest.fixture
def uow():
    uow = MemoryMatchingUnitOfWork()
    for shop in (SHOP, OTHER_SHOP):
        deliver(uow, registry_event("registry.organisation_registered", {
            "organisation_id": shop, "kind": "business", "region": "iwakuni", "fields": ["environment"],
            "status": "verified"}))
    return uow


def _invite(uow, offer, actor=PARTNER, person_id=PERSON_ID):
    return staff_invitations.invite_staff(uow, actor, InviteStaff(str(uuid.uuid4()), offer.id, person_id))


def test_a_partner_cannot_create_a_profile_not_even_under_a_citizens_id(uow):
    offer = _offer(uow)
    for requested in (PERSON_ID, None):
        with pytest.raises(Forbidden, match="staff-invitations"):
            talents.create_talent(uow, PARTNER, str(uuid.uuid4()), requested, _profile(offer_id=offer.id))
    assert uow.talents.rows == {}
    mine = talents.create_talent(uow, PERSON, str(uuid.uuid4()), None, _profile())
    assert (mine.id, mine.origin, mine.offer_id) == (PERSON_ID, "citizen", None)


def test_a_citizen_cannot_declare_itself_a_businesss_staff(uow):
    offer = _offer(uow)
    for claim in ({"offer_id": offer.id}, {"origin": "business_staff"}):
        with pytest.raises(ValidationFailed) as refused:
            talents.create_talent(uow, PERSON, str(uuid.uuid4()), None, _profile(**claim))
        [(field, [message])] = refused.value.fields.items()
        assert field in claim and "accepting its invitation" in message
    assert uow.talents.rows == {}


def test_the_person_accepts_and_becomes_staff_the_ledger_hears_of_it(uow):
    offer = _offer(uow)
    talents.create_talent(uow, PERSON, str(uuid.uuid4()), None, _profile())
    invitation = _invite(uow, offer)
    assert invitation.status == "pending"
    with pytest.raises(Forbidden):  # not yet the business's staff
        talents.get_talent(uow, PARTNER, PERSON_ID)
    accepted = staff_invitations.accept_invitation(uow, PERSON, invitation.id)
    assert accepted.status == "accepted" and accepted.answered_at is not None
    staff = uow.talents.get(PERSON_ID)
    assert (staff.origin, staff.offer_id) == ("business_staff", offer.id)
    event = uow.published[-1]
    assert event.type == "matching.talent_updated" and event.payload()["offer_id"] == offer.id
    assert "staff@example" not in str(event.payload())
    assert talents.get_talent(uow, PARTNER, PERSON_ID).id == PERSON_ID
    with pytest.raises(Forbidden):  # the business reads its staff's profile but edits only the person's
        talents.update_talent(uow, PARTNER, PERSON_ID, {"languages": ["ja", "en"]})
    assert staff_invitations.accept_invitation(uow, PERSON, invitation.id) == accepted  # a retry
    with pytest.raises(Conflict):
        staff_invitations.decline_invitation(uow, PERSON, invitation.id)


def test_only_the_person_invited_answers_and_a_decline_changes_no_profile(uow):
    offer = _offer(uow)
    talents.create_talent(uow, PERSON, str(uuid.uuid4()), None, _profile())
    invitation = _invite(uow, offer)
    for other in (PARTNER, STRANGER, Actor("citizen", str(uuid.uuid4())), Actor("operator", key_id="op")):
        with pytest.raises(NotFound):
            staff_invitations.accept_invitation(uow, other, invitation.id)
    assert staff_invitations.decline_invitation(uow, PERSON, invitation.id).status == "declined"
    assert uow.talents.get(PERSON_ID).offer_id is None
    with pytest.raises(Conflict):
        staff_invitations.accept_invitation(uow, PERSON, invitation.id)


def test_accepting_needs_a_profile_first(uow):
    invitation = _invite(uow, _offer(uow))
    with pytest.raises(ValidationFailed) as refused:
        staff_invitations.accept_invitation(uow, PERSON, invitation.id)
    assert "POST /api/v1/talents" in refused.value.fields["invitation_id"][0]
    assert uow.staff_invitations.get(invitation.id).status == "pending"


def test_a_partner_invites_only_through_its_own_offer_with_staff(uow):
    foreign, goods = _offer(uow, STRANGER), _offer(uow, kind="goods")
    with pytest.raises(NotFound):
        _invite(uow, foreign)
    with pytest.raises(ValidationFailed):
        _invite(uow, goods)
    for not_a_partner in (PERSON, Actor("organisation", str(uuid.uuid4())), Actor("operator", key_id="op")):
        with pytest.raises(Forbidden):
            _invite(uow, _offer(uow), actor=not_a_partner)
    assert uow.staff_invitations.rows == {}


def test_each_party_lists_and_reads_only_its_own_invitations(uow):
    mine = _invite(uow, _offer(uow))
    theirs = _invite(uow, _offer(uow, STRANGER), actor=STRANGER, person_id=str(uuid.uuid4()))
    query = InvitationListQuery()
    assert [i.id for i in staff_invitations.list_invitations(uow, PARTNER, query).items] == [mine.id]
    assert [i.id for i in staff_invitations.list_invitations(uow, PERSON, query).items] == [mine.id]
    everything = staff_invitations.list_invitations(uow, Actor("operator", key_id="op"), query).items
    assert {i.id for i in everything} == {mine.id, theirs.id}
    assert staff_invitations.get_invitation(uow, PERSON, mine.id) == mine
    with pytest.raises(NotFound):
        staff_invitations.get_invitation(uow, PARTNER, theirs.id)
    with pytest.raises(Forbidden):
        staff_invitations.list_invitations(uow, Actor("organisation", str(uuid.uuid4())), query)
