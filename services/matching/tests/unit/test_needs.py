import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, ValidationFailed
from services.matching.app import needs
from services.matching.app.needs import PostNeed
from services.matching.app.ports import NeedFilter
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.registry_events import deliver, registry_event

ORG = str(uuid.uuid4())


def registered(uow, organisation_id=ORG, status="verified"):
    return deliver(uow, registry_event("registry.organisation_registered", {
        "organisation_id": organisation_id, "kind": "npo", "region": "kuga",
        "fields": ["welfare", "childcare"], "status": status}))


def post(**overrides):
    return PostNeed(**{"need_id": str(uuid.uuid4()), "title": "子ども食堂の 配膳", "kind": "volunteer_shift",
                       "slots": 3, "organisation_id": ORG, **overrides})


def test_the_read_model_learns_organisations_once_per_event():
    uow = MemoryMatchingUnitOfWork()
    event = registry_event("registry.organisation_registered", {
        "organisation_id": ORG, "kind": "npo", "region": "kuga", "fields": ["welfare"],
        "status": "verified"})
    assert deliver(uow, event) is True
    assert deliver(uow, event) is False
    assert uow.commits == 1 and uow.organisations.get(ORG).region == "kuga"


def test_an_organisation_posts_a_need_in_its_region_with_its_fields():
    uow = MemoryMatchingUnitOfWork()
    registered(uow)
    need = needs.post_need(uow, Actor("organisation", ORG), post())
    assert (need.region, need.fields, need.status, need.title) == (
        "kuga", ["welfare", "childcare"], "open", "子ども食堂の 配膳")
    [event] = uow.published
    assert event.type == "matching.need_posted" and event.need_id == need.id


def test_the_organisation_defaults_to_the_callers_own():
    uow = MemoryMatchingUnitOfWork()
    registered(uow)
    need = needs.post_need(uow, Actor("organisation", ORG), post(organisation_id=None))
    assert need.organisation_id == ORG


def test_a_need_for_an_unknown_organisation_is_refused_and_changes_nothing():
    uow = MemoryMatchingUnitOfWork()
    with pytest.raises(ValidationFailed) as error:
        needs.post_need(uow, Actor("operator"), post(organisation_id=str(uuid.uuid4())))
    assert "organisation_id" in error.value.fields
    assert uow.needs.rows == {} and uow.published == []


@pytest.mark.parametrize("status", ["rejected", "pending"])
def test_only_a_verified_organisation_posts(status):
    uow = MemoryMatchingUnitOfWork()
    registered(uow, status=status)
    with pytest.raises(ValidationFailed) as error:
        needs.post_need(uow, Actor("operator"), post())
    assert "organisation_id" in error.value.fields and uow.needs.rows == {}


def test_an_organisation_cannot_post_for_another():
    uow = MemoryMatchingUnitOfWork()
    registered(uow)
    with pytest.raises(Forbidden):
        needs.post_need(uow, Actor("organisation", str(uuid.uuid4())), post())
    assert uow.needs.rows == {}


@pytest.mark.parametrize("role", ["citizen", "partner", "service"])
def test_people_and_partners_do_not_post_needs(role):
    uow = MemoryMatchingUnitOfWork()
    registered(uow)
    with pytest.raises(Forbidden):
        needs.post_need(uow, Actor(role, ORG), post())


def test_a_retried_post_returns_the_first_need():
    uow = MemoryMatchingUnitOfWork()
    registered(uow)
    command = post()
    assert needs.post_need(uow, Actor("operator"), command) == needs.post_need(uow, Actor("operator"), command)
    assert len(uow.needs.rows) == 1 and len(uow.published) == 1


def test_blank_title_is_refused():
    uow = MemoryMatchingUnitOfWork()
    registered(uow)
    with pytest.raises(ValidationFailed) as error:
        needs.post_need(uow, Actor("operator"), post(title="　 "))
    assert "title" in error.value.fields


def test_needs_list_filters_by_organisation():
    uow = MemoryMatchingUnitOfWork()
    registered(uow)
    other = str(uuid.uuid4())
    registered(uow, other)
    needs.post_need(uow, Actor("operator"), post())
    needs.post_need(uow, Actor("operator"), post(organisation_id=other))
    page = needs.list_needs(uow, NeedFilter(organisation_id=other))
    assert [n.organisation_id for n in page.items] == [other] and page.next_cursor is None
