"""Staff invitations and erasure on SQLite and PostgreSQL, schemas built by the migrations: an
accepted invitation makes the person's own profile the business's staff; erasure leaves no value
of the person in matching's tables and keeps their match under an alias."""
import uuid
from datetime import date

from sqlalchemy import MetaData, select

from services.common.actor import Actor
from services.common.database import make_engine
from services.matching.app import erasure, matches, offers, staff_invitations, talents
from services.matching.app.matches import ProposeMatch
from services.matching.app.staff_invitations import InvitationListQuery, InviteStaff
from services.matching.domain.match import RelayedMessage
from services.matching.domain.need import KnownOrganisation
from tests.adapters.test_matching_lifecycle import make_uow, profile, setup_need  # noqa: F401 (fixture)

SHOP = str(uuid.uuid4())
PARTNER = Actor("partner", SHOP)
FREE_TEXT = "集合場所を教えてください"


def _staff_offer(make_uow):
    with make_uow() as uow:
        uow.organisations.save(KnownOrganisation(SHOP, "kuga", ["welfare"], "verified", "business"))
        uow.commit()
    return offers.post_offer(make_uow(), PARTNER, str(uuid.uuid4()), None, {
        "kind": "staff_time", "title": "社員派遣", "description": "", "skills": {"first_aid": 3},
        "fields": ["welfare"], "quantity": 2, "unit": "人", "regions": ["kuga"], "online": False,
        "starts": date(2027, 1, 1), "ends": date(2027, 3, 31)})


def test_an_accepted_invitation_binds_the_persons_own_profile(make_uow):
    person_id = str(uuid.uuid4())
    person = Actor("citizen", person_id)
    talents.create_talent(make_uow(), person, str(uuid.uuid4()), None, profile())
    offer = _staff_offer(make_uow)
    invitation = staff_invitations.invite_staff(make_uow(), PARTNER, InviteStaff(str(uuid.uuid4()), offer.id,
                                                                                 person_id))
    mine = staff_invitations.list_invitations(make_uow(), person, InvitationListQuery(status="pending"))
    assert [i.id for i in mine.items] == [invitation.id]
    accepted = staff_invitations.accept_invitation(make_uow(), person, invitation.id)
    with make_uow() as uow:
        stored, staff = uow.staff_invitations.get(invitation.id), uow.talents.get(person_id)
    assert stored == accepted and stored.answered_at is not None
    assert (staff.origin, staff.offer_id) == ("business_staff", offer.id)
    assert staff_invitations.list_invitations(make_uow(), PARTNER, InvitationListQuery(status="pending")).items == []


def test_erasure_leaves_no_value_of_the_person_in_any_table(make_uow, database_url):
    need = setup_need(make_uow, slots=2)
    person_id = str(uuid.uuid4())
    person = Actor("citizen", person_id)
    talents.create_talent(make_uow(), person, str(uuid.uuid4()), None, profile())
    match = matches.propose_match(make_uow(), person, ProposeMatch(match_id=str(uuid.uuid4()), need_id=need.id))
    with make_uow() as uow:
        uow.match_messages.add(RelayedMessage(id=str(uuid.uuid4()), match_id=match.id, by="talent",
                                              body=FREE_TEXT, sent_at=match.created_at))
        uow.commit()
    erased = erasure.erase_person(make_uow(), Actor("operator", key_id="op"), person_id)
    assert (erased["talent_profiles"], erased["match_messages"], erased["matches_anonymised"]) == (1, 1, 1)
    engine = make_engine(database_url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        everything = repr([connection.execute(select(t)).all() for t in metadata.sorted_tables])
    engine.dispose()
    # the id itself stays in sent outbox rows: events carry ids and facts, never personal data
    for value in ("taro@example.jp", "0827-00-0000", FREE_TEXT):
        assert value not in everything
    with make_uow() as uow:
        assert uow.matches.get(match.id).need_id == need.id  # kept, under an alias
