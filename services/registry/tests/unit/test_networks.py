"""Networks on fakes: declaring ties, depth-2 neighbourhoods, visibility, removal."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound, ValidationFailed
from services.registry.app import networks, organisations
from services.registry.app.networks import DeclareTie, RemoveTie
from services.registry.app.organisations import RegisterOrganisation
from services.registry.tests.fakes import CITY, MemoryRegistryUnitOfWork

OPERATOR = Actor("operator", key_id="op")
PUBLIC = Actor("citizen", "c", "kc")


def org(uow, name, actor=OPERATOR):
    return organisations.register_organisation(uow, actor, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name=name, name_kana="ダンタイ", kind="citizen_group",
        region="iwakuni", fields=["welfare"]), CITY)


def tie(uow, a, b, kind="partner_of", actor=None):
    return networks.declare_tie(uow, actor or Actor("organisation", a.id, "k"),
                                DeclareTie(str(uuid.uuid4()), a.id, b.id, kind))


@pytest.fixture
def chain():
    """council ← a — b — c — d (a member of the council; partners along the chain)."""
    uow = MemoryRegistryUnitOfWork()
    council, a, b, c, d = (org(uow, n) for n in ("協議会", "A会", "B会", "C会", "D会"))
    tie(uow, a, council, "member_of")
    tie(uow, a, b)
    tie(uow, b, c)
    tie(uow, c, d)
    return uow, {"council": council, "a": a, "b": b, "c": c, "d": d}


def test_neighbours_to_depth_two_in_both_directions(chain):
    uow, o = chain
    found = networks.get_network(uow, PUBLIC, o["b"].id, 2)
    assert {n.organisation.name: n.distance for n in found.nodes} == {
        "B会": 0, "A会": 1, "C会": 1, "協議会": 2, "D会": 2}
    one = networks.get_network(uow, PUBLIC, o["b"].id, 1)
    assert {n.organisation.name for n in one.nodes} == {"B会", "A会", "C会"}
    assert len(found.ties) == 4


def test_pending_organisations_stay_out_of_public_networks(chain):
    uow, o = chain
    pending = org(uow, "審査中の会", actor=Actor("citizen", "x", "kx"))
    with pytest.raises(ValidationFailed):  # only verified organisations tie
        tie(uow, o["a"], pending)
    with pytest.raises(NotFound):
        networks.get_network(uow, PUBLIC, pending.id, 2)


def test_only_the_organisation_itself_or_an_operator_changes_its_ties(chain):
    uow, o = chain
    with pytest.raises(Forbidden):
        tie(uow, o["a"], o["d"], actor=Actor("organisation", o["b"].id, "kb"))
    with pytest.raises(ValidationFailed):
        tie(uow, o["a"], o["b"])  # exists already
    with pytest.raises(ValidationFailed):
        tie(uow, o["a"], o["a"])
    [b_to_c] = [t for t in uow.ties.rows.values()
                if (t.organisation_id, t.related_organisation_id) == (o["b"].id, o["c"].id)]
    with pytest.raises(NotFound):  # a tie is removed by the organisation that declared it
        networks.remove_tie(uow, Actor("organisation", o["c"].id, "kc"),
                            RemoveTie(o["c"].id, b_to_c.id))
    networks.remove_tie(uow, Actor("organisation", o["b"].id, "kb"), RemoveTie(o["b"].id, b_to_c.id))
    assert {n.organisation.name for n in networks.get_network(uow, PUBLIC, o["b"].id, 2).nodes} == {
        "B会", "A会", "協議会"}
    assert uow.published[-1].type == "registry.organisation_tie_removed"
