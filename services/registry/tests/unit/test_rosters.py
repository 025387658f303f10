"""Rosters on fakes: who edits, per-field privacy by audience, one person in several groups."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound, ValidationFailed
from services.registry.app import organisations, rosters
from services.registry.app.organisations import RegisterOrganisation
from services.registry.app.rosters import AddRosterEntry, RemoveRosterEntry
from services.registry.tests.fakes import CITY, MemoryRegistryUnitOfWork

OPERATOR = Actor("operator", key_id="op")
PERSON = "citizen-77"


def org(uow, name):
    return organisations.register_organisation(uow, OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name=name, name_kana="ダンタイ", kind="citizen_group",
        region="yu", fields=["welfare"]), CITY)


@pytest.fixture
def world():
    uow = MemoryRegistryUnitOfWork()
    first, second = org(uow, "由宇ボランティア会"), org(uow, "由宇写真部")
    owner = Actor("organisation", first.id, "k1")
    chair = rosters.add_entry(uow, owner, AddRosterEntry(
        str(uuid.uuid4()), first.id, "officer", "山本　花子", title="会長", person_id=PERSON,
        email="hanako@example.jp", phone="090-0000-0000", name_visibility="public",
        email_visibility="members", phone_visibility="operators"))
    rosters.add_entry(uow, owner, AddRosterEntry(
        str(uuid.uuid4()), first.id, "member", "佐々木 一郎", name_visibility="operators"))
    rosters.add_entry(uow, Actor("organisation", second.id, "k2"), AddRosterEntry(
        str(uuid.uuid4()), second.id, "member", "山本 花子", person_id=PERSON))
    return {"uow": uow, "first": first, "second": second, "owner": owner, "chair": chair}


def test_each_field_by_audience(world):
    def roster(actor):
        return [(e.title, e.name, e.email, e.phone)
                for e in rosters.get_roster(world["uow"], actor, world["first"].id)]
    public = [("会長", "山本 花子", "", ""), ("", "", "", "")]
    assert roster(Actor("citizen", "x", "k")) == public
    # "members only" is for members of THIS organisation, not for any organisation or partner key
    other_group = Actor("organisation", world["second"].id, "k2")
    assert roster(Actor("partner", "p", "k")) == roster(other_group) == public
    assert roster(Actor("citizen", PERSON, "kp")) == [
        ("会長", "山本 花子", "hanako@example.jp", ""), ("", "", "", "")]
    assert roster(world["owner"]) == roster(OPERATOR) == [
        ("会長", "山本 花子", "hanako@example.jp", "090-0000-0000"), ("", "佐々木 一郎", "", "")]
    assert rosters.get_roster(world["uow"], Actor("citizen", "x", "k"),
                              world["first"].id)[0].person_id is None


def test_events_carry_the_role_and_the_person_id_never_a_name(world):
    added = [e.payload() for e in world["uow"].published if e.type == "registry.roster_entry_added"]
    assert len(added) == 3 and all(set(p) == {"entry_id", "organisation_id", "role", "person_id"}
                                   for p in added)
    assert PERSON in [p["person_id"] for p in added]


def test_only_the_organisation_or_an_operator_edits(world):
    other = Actor("organisation", world["second"].id, "k2")
    with pytest.raises(Forbidden):
        rosters.add_entry(world["uow"], other, AddRosterEntry(
            str(uuid.uuid4()), world["first"].id, "member", "侵入者"))
    with pytest.raises(Forbidden):
        rosters.remove_entry(world["uow"], other,
                             RemoveRosterEntry(world["first"].id, world["chair"].id))
    with pytest.raises(ValidationFailed):
        rosters.add_entry(world["uow"], world["owner"], AddRosterEntry(
            str(uuid.uuid4()), world["first"].id, "boss", "x", name_visibility="friends"))
    rosters.remove_entry(world["uow"], world["owner"],
                         RemoveRosterEntry(world["first"].id, world["chair"].id))
    with pytest.raises(NotFound):
        rosters.remove_entry(world["uow"], world["owner"],
                             RemoveRosterEntry(world["first"].id, world["chair"].id))


def test_a_person_sees_every_organisation_they_are_listed_in(world):
    mine = rosters.my_memberships(world["uow"], Actor("citizen", PERSON, "kp"))
    assert {e.organisation_id for e in mine} == {world["first"].id, world["second"].id}
    with pytest.raises(Forbidden):
        rosters.my_memberships(world["uow"], OPERATOR)


def test_an_operator_erases_a_person_from_every_roster_once(world):
    from services.registry.app import erasure

    from datetime import datetime, timezone

    uow = world["uow"]
    uow.associations.add_interest("i", world["first"].id, "yu", "由宇町", f"citizen:{PERSON}",
                                  datetime.now(timezone.utc))
    with pytest.raises(Forbidden):
        erasure.erase_person(uow, world["owner"], PERSON)
    assert erasure.erase_person(uow, OPERATOR, PERSON) == {"roster_entries": 2, "newcomer_interests": 1}
    assert uow.associations.interests == {}
    assert rosters.my_memberships(uow, Actor("citizen", PERSON, "kp")) == []
    left = [(e.name, e.email) for e in rosters.get_roster(uow, OPERATOR, world["first"].id)]
    assert left == [("佐々木 一郎", "")]
    removed = [e.payload() for e in uow.published if e.type == "registry.roster_entry_removed"]
    assert len(removed) == 2 and "山本" not in str(removed) and PERSON not in str(removed)
    assert erasure.erase_person(uow, OPERATOR, PERSON) == {"roster_entries": 0, "newcomer_interests": 0}


def test_display_names_whatever_their_visibility_for_the_organisation_and_operators_only(world):
    names = [e.name for e in rosters.display_names(world["uow"], world["owner"], world["first"].id)]
    assert names == ["山本 花子", "佐々木 一郎"]
    assert [e.name for e in rosters.display_names(world["uow"], OPERATOR, world["first"].id)] == names
    for stranger in (Actor("organisation", world["second"].id, "k2"), Actor("citizen", PERSON, "kp"),
                     Actor("partner", "p", "k")):
        with pytest.raises(NotFound):
            rosters.display_names(world["uow"], stranger, world["first"].id)
    with pytest.raises(NotFound):
        rosters.display_names(world["uow"], OPERATOR, str(uuid.uuid4()))
