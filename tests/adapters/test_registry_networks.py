"""Network walk over the SQL tie repository on SQLite and PostgreSQL."""
import uuid

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app import networks, organisations
from services.registry.app.networks import DeclareTie
from services.registry.app.organisations import RegisterOrganisation
from services.registry.contract.events import PUBLISHED

OPERATOR = Actor("operator", key_id="op")


def test_depth_two_network_from_the_database(database_url):
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    uow = lambda: SqlRegistryUnitOfWork(factory, "registry", PUBLISHED, MESSAGING)  # noqa: E731
    ids = [organisations.register_organisation(uow(), OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name=f"団体{i}", name_kana="ダンタイ", kind="npo",
        region="kuga", fields=["welfare"]), configured_city()).id for i in range(5)]
    for a, b in ((0, 1), (1, 2), (2, 3), (4, 0)):
        networks.declare_tie(uow(), OPERATOR, DeclareTie(str(uuid.uuid4()), ids[a], ids[b],
                                                         "partner_of"))
    found = networks.get_network(uow(), Actor("citizen", "c", "k"), ids[0], 2)
    assert {n.organisation.id: n.distance for n in found.nodes} == {
        ids[0]: 0, ids[1]: 1, ids[4]: 1, ids[2]: 2}
    assert len(found.ties) == 3
    engine.dispose()


def test_rosters_from_the_database(database_url):
    from services.registry.app import rosters
    from services.registry.app.rosters import AddRosterEntry

    upgrade("registry", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    uow = lambda: SqlRegistryUnitOfWork(factory, "registry", PUBLISHED, MESSAGING)  # noqa: E731
    first, second = (organisations.register_organisation(uow(), OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name=name, name_kana="ダンタイ", kind="npo",
        region="kuga", fields=["welfare"]), configured_city()).id for name in ("甲", "乙"))
    for organisation_id, role, title in ((first, "member", ""), (first, "officer", "会計"),
                                         (second, "member", "")):
        rosters.add_entry(uow(), OPERATOR, AddRosterEntry(
            str(uuid.uuid4()), organisation_id, role, "中村 太郎", title=title, person_id="p-1",
            email="taro@example.jp", name_visibility="public"))
    seen = rosters.get_roster(uow(), Actor("citizen", "c", "k"), first)
    assert [(e.role, e.title, e.name, e.email) for e in seen] == [
        ("officer", "会計", "中村 太郎", ""), ("member", "", "中村 太郎", "")]
    assert len(rosters.my_memberships(uow(), Actor("citizen", "p-1", "k"))) == 3
    engine.dispose()
