import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound, ValidationFailed
from services.common.pagination import decode_cursor
from services.registry.app import organisations
from services.registry.app.organisations import OrganisationFilter, RegisterOrganisation
from services.registry.tests.fakes import CITY, MemoryRegistryUnitOfWork

OPERATOR = Actor("operator", key_id="k1")


def command(**overrides):
    values = dict(organisation_id=str(uuid.uuid4()), name="由宇　防災ボランティアの会",
                  name_kana="ゆうぼうさいぼらんてぃあのかい", kind="citizen_group", region="yu",
                  fields=["disaster_prevention", "disaster_prevention"])
    return RegisterOrganisation(**{**values, **overrides})


def test_an_operator_registers_a_verified_organisation_and_an_event_is_raised():
    uow = MemoryRegistryUnitOfWork()
    organisation = organisations.register_organisation(uow, OPERATOR, command(), CITY)
    assert organisation.status == "verified"
    assert organisation.name == "由宇 防災ボランティアの会"  # full-width space folded
    assert organisation.name_kana == "ユウボウサイボランティアノカイ"  # stored as katakana
    assert organisation.fields == ["disaster_prevention"]
    [event] = uow.published
    assert event.type == "registry.organisation_registered"
    assert event.payload() == {"organisation_id": organisation.id, "kind": "citizen_group",
                               "region": "yu", "fields": ["disaster_prevention"], "status": "verified",
                               "founded_year": None, "legal_form": "none"}


def test_half_width_kana_reading_is_folded_to_full_width():
    organisation = organisations.register_organisation(
        MemoryRegistryUnitOfWork(), OPERATOR, command(name_kana="ﾕｳ ﾎﾞｳｻｲ"), CITY)
    assert organisation.name_kana == "ユウ ボウサイ"


def test_a_retried_registration_with_the_same_id_creates_nothing_new():
    uow = MemoryRegistryUnitOfWork()
    first = organisations.register_organisation(uow, OPERATOR, same := command(), CITY)
    second = organisations.register_organisation(uow, OPERATOR, same, CITY)
    assert first.id == second.id
    assert len(uow.organisations.rows) == 1 and len(uow.published) == 1


@pytest.mark.parametrize("overrides, field", [
    ({"region": "atlantis"}, "region"),
    ({"kind": "club"}, "kind"),
    ({"fields": ["welfare", "astrology"]}, "fields"),
    ({"name_kana": "Yuu Bousai"}, "name_kana"),
    ({"name": "   "}, "name"),
])
def test_invalid_registrations_name_the_field_and_change_nothing(overrides, field):
    uow = MemoryRegistryUnitOfWork()
    with pytest.raises(ValidationFailed) as error:
        organisations.register_organisation(uow, OPERATOR, command(**overrides), CITY)
    assert field in error.value.fields
    assert uow.organisations.rows == {} and uow.published == [] and uow.commits == 0


@pytest.mark.parametrize("role", ["organisation", "partner", "service"])
def test_only_operators_and_citizens_register(role):
    uow = MemoryRegistryUnitOfWork()
    with pytest.raises(Forbidden):
        organisations.register_organisation(uow, Actor(role, "x"), command(), CITY)
    assert uow.organisations.rows == {}


def test_get_unknown_organisation_is_not_found():
    with pytest.raises(NotFound):
        organisations.get_organisation(MemoryRegistryUnitOfWork(), OPERATOR, str(uuid.uuid4()))


def test_listing_pages_with_a_cursor_through_every_organisation_once():
    uow = MemoryRegistryUnitOfWork()
    created = {organisations.register_organisation(uow, OPERATOR, command(), CITY).id
               for _ in range(5)}
    seen, cursor = [], None
    while True:
        page = organisations.list_organisations(uow, OPERATOR, OrganisationFilter(after=decode_cursor(cursor), limit=2))
        seen.extend(o.id for o in page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(created)
