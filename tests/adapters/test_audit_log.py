"""The audit log on SQLite and PostgreSQL, built by the migrations: a write's row commits with
it or not at all, rows cannot be changed, and operators' filters find them."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DatabaseError, IntegrityError

from services.common.actor import Actor
from services.common.audit import READ, WRITE, AuditContext, current_audit
from services.common.audit_contract import AuditLogRequest
from services.common.database import make_engine, make_session_factory
from services.common.errors import ValidationFailed
from services.common.migrations import upgrade
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING, organisations
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app import organisations as use_cases
from services.registry.app.organisations import RegisterOrganisation
from services.registry.contract.events import PUBLISHED
from services.registry.domain import organisation as domain

OPERATOR = Actor("operator", key_id="key-op")


@pytest.fixture
def registry(database_url):
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    yield SqlRegistryUnitOfWork(make_session_factory(engine), "registry", PUBLISHED, MESSAGING), engine
    engine.dispose()


def register(uow, organisation_id=None, actor=OPERATOR):
    command = RegisterOrganisation(organisation_id=organisation_id or str(uuid.uuid4()),
                                   name="玖珂子ども食堂", name_kana="クガコドモショクドウ",
                                   kind="citizen_group", region="kuga", fields=["childcare"])
    token = current_audit.set(AuditContext(actor, "register_organisation", "corr-1"))
    try:
        return use_cases.register_organisation(uow, actor, command, configured_city())
    finally:
        current_audit.reset(token)


def audit_rows(engine):
    with engine.connect() as connection:
        return connection.execute(select(MESSAGING.audit_log).order_by(MESSAGING.audit_log.c.id)).all()


def page(uow, **query):
    with uow:
        return uow.audit_log.page(AuditLogRequest().load(query))


def test_a_committed_write_has_its_audit_row(registry):
    uow, engine = registry
    organisation = register(uow)
    [row] = audit_rows(engine)
    assert (row.kind, row.action, row.key_id, row.role, row.correlation_id) == (
        WRITE, "register_organisation", "key-op", "operator", "corr-1")
    assert organisation.id in row.object_ids.split()


def test_a_failed_write_leaves_no_audit_row(registry):
    uow, engine = registry
    existing = register(uow)
    token = current_audit.set(AuditContext(OPERATOR, "register_organisation", "corr-2"))
    try:
        with pytest.raises(IntegrityError), uow:
            uow.organisations.add(domain.register(
                organisation_id=existing.id, name="重複", name_kana="ジュウフク", kind="other",
                region="yu", fields=["welfare"], description="", verified=True,
                now=datetime.now(timezone.utc), city=configured_city()))
            uow.commit()
    finally:
        current_audit.reset(token)
    assert len(audit_rows(engine)) == 1
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(organisations)).scalar_one() == 1


def test_work_outside_an_rpc_writes_no_audit_row(registry):
    uow, engine = registry
    use_cases.register_organisation(uow, OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name="由宇の会", name_kana="ユウノカイ",
        kind="citizen_group", region="yu", fields=["welfare"]), configured_city())
    assert audit_rows(engine) == []


@pytest.mark.parametrize("change", [
    lambda table: update(table).values(action="nothing"),
    lambda table: delete(table)])
def test_the_database_refuses_to_change_or_remove_an_audit_row(registry, change):
    uow, engine = registry
    register(uow)
    with pytest.raises(DatabaseError, match="append-only"):
        with engine.begin() as connection:
            connection.execute(change(MESSAGING.audit_log))
    assert [row.action for row in audit_rows(engine)] == ["register_organisation"]


def test_operators_filter_and_page_the_log(registry):
    uow, engine = registry
    first = register(uow)
    register(uow, actor=Actor("citizen", subject_id="person-9", key_id="key-citizen"))
    with uow:
        uow.audit_log.append(AuditContext(OPERATOR, "get_roster", "corr-2", [first.id]).entry(
            READ, {"RosterEntry.name"}))
        uow.session.commit()

    everything = page(uow, limit=2)
    assert [item["action"] for item in everything.items] == ["get_roster", "register_organisation"]
    rest = page(uow, limit=2, cursor=everything.next_cursor)
    assert [item["key_id"] for item in rest.items] == ["key-op"] and rest.next_cursor is None

    touching = page(uow, object_id=first.id)
    assert [item["kind"] for item in touching.items] == [READ, WRITE]
    assert touching.items[0]["personal_fields"] == ["RosterEntry.name"]
    assert page(uow, object_id=first.id[:8]).items == []  # ids match whole, never in part
    wildcard = first.id[:8] + "_" + first.id[9:]  # "_" is LIKE's any-character
    assert page(uow, object_id=wildcard).items == []
    assert [i["subject_id"] for i in page(uow, key_id="key-citizen").items] == ["person-9"]
    assert len(page(uow, role="operator", kind=WRITE).items) == 1
    assert len(page(uow, action="get_roster").items) == 1

    now = datetime.now(timezone.utc)
    in_tokyo = timezone(timedelta(hours=9))
    assert len(page(uow, **{"from": (now - timedelta(minutes=5)).astimezone(in_tokyo).isoformat()}).items) == 3
    assert page(uow, **{"from": (now + timedelta(minutes=5)).isoformat()}).items == []
    assert page(uow, to=(now - timedelta(minutes=5)).astimezone(in_tokyo).isoformat()).items == []
    assert all(item["at"].tzinfo is not None for item in everything.items)


def test_a_cursor_of_the_wrong_shape_is_a_validation_error(registry):
    uow, _ = registry
    with pytest.raises(ValidationFailed):
        page(uow, cursor="WyJ4Il0")  # ["x"]
