"""Self-registration, review, updates by the owner, per-field visibility and search (on fakes)."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound, ValidationFailed
from services.common.pagination import decode_cursor
from services.registry.app import organisations
from services.registry.app.organisations import (OrganisationFilter, RegisterOrganisation,
                                                 ReviewOrganisation, UpdateOrganisation)
from services.registry.tests.fakes import CITY, MemoryRegistryUnitOfWork

OPERATOR = Actor("operator", key_id="op")
CITIZEN = Actor("citizen", subject_id="c-1", key_id="kc")
STRANGER = Actor("citizen", subject_id="c-2", key_id="ks")
PARTNER = Actor("partner", subject_id="p-1", key_id="kp")
CONTACTS = [
    {"channel": "website", "value": "https://bousai.example.jp", "visibility": "public"},
    {"channel": "email", "value": "members@example.jp", "visibility": "members"},
    {"channel": "phone", "value": "0827-00-0000", "visibility": "operators", "label": "代表"},
]


def command(**overrides):
    values = dict(organisation_id=str(uuid.uuid4()), name="由宇防災士会", name_kana="ゆうぼうさいしかい",
                  kind="citizen_group", region="yu", fields=["disaster_prevention"],
                  description="由宇地区で防災講座を開いています。",
                  profile={"town": "由宇町神東", "founded_year": 2015, "member_count": 24,
                           "members_in_city": 22, "contacts": CONTACTS,
                           "legal_form": "none", "social_business": False})
    return RegisterOrganisation(**{**values, **overrides})


def owner_of(organisation):
    return Actor("organisation", subject_id=organisation.id, key_id="ko")


@pytest.fixture
def uow():
    return MemoryRegistryUnitOfWork()


@pytest.fixture
def pending(uow):
    return organisations.register_organisation(uow, CITIZEN, command(), CITY)


def test_self_registration_by_a_citizen_is_pending_and_raises_the_event(uow, pending):
    assert pending.status == "pending"
    assert pending.town == "由宇町神東" and pending.member_count == 24
    [event] = uow.published
    assert event.type == "registry.organisation_registered" and event.payload()["status"] == "pending"
    assert uow.organisations.rows[pending.id].registered_by == "citizen:c-1"


def test_a_pending_organisation_is_seen_by_operators_and_its_registrant_only(uow, pending):
    assert organisations.get_organisation(uow, CITIZEN, pending.id).status == "pending"
    assert organisations.get_organisation(uow, OPERATOR, pending.id).registered_by == "citizen:c-1"
    for actor in (STRANGER, PARTNER):
        with pytest.raises(NotFound):
            organisations.get_organisation(uow, actor, pending.id)
    assert organisations.list_organisations(uow, STRANGER, OrganisationFilter()).items == []
    assert [o.id for o in organisations.list_organisations(
        uow, OPERATOR, OrganisationFilter(status="pending")).items] == [pending.id]


def test_an_operator_verifies_and_the_directory_shows_it(uow, pending):
    verified = organisations.verify_organisation(uow, OPERATOR, ReviewOrganisation(pending.id))
    assert verified.status == "verified"
    assert uow.published[-1].type == "registry.organisation_verified"
    assert uow.published[-1].payload() == {"organisation_id": pending.id}
    again = organisations.verify_organisation(uow, OPERATOR, ReviewOrganisation(pending.id))
    assert again.status == "verified" and len(uow.published) == 2  # no second event
    assert [o.id for o in organisations.list_organisations(
        uow, STRANGER, OrganisationFilter()).items] == [pending.id]


def test_an_operator_rejects_with_a_reason_the_owner_can_read(uow, pending):
    with pytest.raises(ValidationFailed) as error:
        organisations.reject_organisation(uow, OPERATOR, ReviewOrganisation(pending.id, " "))
    assert "reason" in error.value.fields
    rejected = organisations.reject_organisation(
        uow, OPERATOR, ReviewOrganisation(pending.id, "活動実態を確認できませんでした"))
    assert rejected.status == "rejected"
    assert uow.published[-1].type == "registry.organisation_rejected"
    assert "活動実態" not in str(uow.published[-1].payload())  # free text stays in registry
    seen = organisations.get_organisation(uow, CITIZEN, pending.id)
    assert seen.status_reason == "活動実態を確認できませんでした"


@pytest.mark.parametrize("actor", [CITIZEN, PARTNER, Actor("organisation", "someone", "k")])
def test_only_operators_review(uow, pending, actor):
    with pytest.raises(Forbidden):
        organisations.verify_organisation(uow, actor, ReviewOrganisation(pending.id))
    with pytest.raises(Forbidden):
        organisations.reject_organisation(uow, actor, ReviewOrganisation(pending.id, "x"))
    assert uow.organisations.rows[pending.id].status == "pending"


def test_visibility_of_contacts_by_audience(uow):
    org = organisations.register_organisation(uow, OPERATOR, command(), CITY)
    def channels(actor):
        return [c.channel for c in organisations.get_organisation(uow, actor, org.id).contacts]
    assert channels(STRANGER) == ["website"]
    assert channels(Actor("service", key_id="s")) == ["website"]
    assert channels(PARTNER) == ["website", "email"]
    assert channels(Actor("organisation", "another", "k")) == ["website", "email"]
    assert channels(owner_of(org)) == ["website", "email", "phone"]
    assert channels(OPERATOR) == ["website", "email", "phone"]
    listed = organisations.list_organisations(uow, STRANGER, OrganisationFilter()).items
    assert [c.channel for c in listed[0].contacts] == ["website"]
    assert listed[0].registered_by == "" and listed[0].status_reason == ""


def test_the_owner_updates_its_own_profile_and_the_event_carries_facts_only(uow):
    org = organisations.register_organisation(uow, OPERATOR, command(), CITY)
    updated = organisations.update_organisation(uow, owner_of(org), UpdateOrganisation(
        org.id, {"fields": ["disaster_prevention", "welfare"], "member_count": 30,
                 "description": "新しい説明"}), CITY)
    assert updated.fields == ["disaster_prevention", "welfare"] and updated.member_count == 30
    event = uow.published[-1]
    assert event.type == "registry.organisation_updated"
    assert event.payload() == {"organisation_id": org.id, "kind": "citizen_group", "region": "yu",
                               "fields": ["disaster_prevention", "welfare"], "status": "verified",
                               "founded_year": org.founded_year, "legal_form": org.legal_form}
    before = len(uow.published)
    organisations.update_organisation(uow, owner_of(org), UpdateOrganisation(
        org.id, {"member_count": 30}), CITY)
    assert len(uow.published) == before  # nothing changed, no event


def test_a_representative_cannot_change_another_organisation(uow):
    org = organisations.register_organisation(uow, OPERATOR, command(), CITY)
    other = organisations.register_organisation(uow, OPERATOR, command(name="別の会"), CITY)
    with pytest.raises(Forbidden):
        organisations.update_organisation(uow, owner_of(other), UpdateOrganisation(
            org.id, {"description": "乗っ取り"}), CITY)
    with pytest.raises(Forbidden):
        organisations.update_organisation(uow, PARTNER, UpdateOrganisation(
            org.id, {"description": "乗っ取り"}), CITY)
    assert uow.organisations.rows[org.id].description == "由宇地区で防災講座を開いています。"


def test_only_operators_change_the_kind(uow):
    org = organisations.register_organisation(uow, OPERATOR, command(), CITY)
    with pytest.raises(Forbidden) as error:
        organisations.update_organisation(uow, owner_of(org), UpdateOrganisation(
            org.id, {"kind": "npo"}), CITY)
    assert "kind" in error.value.fields
    assert organisations.update_organisation(uow, OPERATOR, UpdateOrganisation(
        org.id, {"kind": "npo", "legal_form": "npo_corporation"}), CITY).kind == "npo"


@pytest.mark.parametrize("profile, field", [
    ({"town": "存在しない町"}, "town"),
    ({"founded_year": 1700}, "founded_year"),
    ({"member_count": 5, "members_in_city": 9}, "members_in_city"),
    ({"legal_form": "guild"}, "legal_form"),
    ({"contacts": [{"channel": "pigeon", "value": "x"}]}, "contacts.0.channel"),
    ({"contacts": [{"channel": "email", "value": "x", "visibility": "friends"}]},
     "contacts.0.visibility"),
])
def test_invalid_profiles_name_the_field(uow, profile, field):
    with pytest.raises(ValidationFailed) as error:
        organisations.register_organisation(uow, OPERATOR, command(profile=profile), CITY)
    assert field in error.value.fields
    assert uow.organisations.rows == {}


def test_search_finds_by_reading_in_any_kana_form_and_ranks_exact_names_first(uow):
    for name, kana, description in [
        ("由宇防災士会", "ユウボウサイシカイ", ""),
        ("岩国防災ネットワーク", "イワクニボウサイネットワーク", ""),
        ("防災", "ボウサイ", ""),
        ("美和ふれあい会", "ミワフレアイカイ", "防災訓練にも参加します"),
    ]:
        organisations.register_organisation(uow, OPERATOR, command(
            name=name, name_kana=kana, description=description, profile={}), CITY)
    found = organisations.list_organisations(uow, STRANGER, OrganisationFilter(q="ﾎﾞｳｻｲ")).items
    assert [o.name for o in found][0] == "防災"
    assert {o.name for o in found} == {"由宇防災士会", "岩国防災ネットワーク", "防災"}
    by_kanji = organisations.list_organisations(uow, STRANGER, OrganisationFilter(q="防災")).items
    assert by_kanji[-1].name == "美和ふれあい会"  # description-only hits rank last
    seen, cursor = [], None
    while True:
        page = organisations.list_organisations(uow, STRANGER, OrganisationFilter(
            q="防災", limit=1, after=decode_cursor(cursor, ordering="search")))
        seen += [o.name for o in page.items]
        if not (cursor := page.next_cursor):
            break
    assert seen == [o.name for o in by_kanji]


def test_filters_by_field_and_verified(uow, pending):
    organisations.register_organisation(uow, OPERATOR, command(fields=["welfare"]), CITY)
    assert len(organisations.list_organisations(
        uow, OPERATOR, OrganisationFilter(field="welfare")).items) == 1
    assert len(organisations.list_organisations(
        uow, OPERATOR, OrganisationFilter(verified=False)).items) == 1
    assert organisations.list_organisations(
        uow, STRANGER, OrganisationFilter(verified=False)).items == []
