"""Outbox and inbox on SQLite and PostgreSQL, schemas built by the migrations."""
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING, organisations
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app import organisations as use_cases
from services.registry.app.organisations import RegisterOrganisation
from services.registry.domain import organisation as domain
from services.registry.domain.events import OrganisationRegistered
from services.registry.contract.events import PUBLISHED


@pytest.fixture
def registry_uow(database_url):
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    yield SqlRegistryUnitOfWork(make_session_factory(engine), "registry", PUBLISHED, MESSAGING), engine
    engine.dispose()


def command(**overrides):
    return RegisterOrganisation(**{"organisation_id": str(uuid.uuid4()), "name": "玖珂子ども食堂",
                                   "name_kana": "クガコドモショクドウ", "kind": "citizen_group",
                                   "region": "kuga", "fields": ["childcare"], **overrides})


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_state_and_its_event_commit_together(registry_uow):
    uow, engine = registry_uow
    organisation = use_cases.register_organisation(uow, Actor("operator"), command(), configured_city())
    with engine.connect() as connection:
        row = connection.execute(select(MESSAGING.outbox)).one()
    assert row.type == "registry.organisation_registered" and row.sent_at is None
    assert organisation.id in row.envelope
    assert count(engine, organisations) == 1


def test_a_failing_commit_leaves_neither_state_nor_event(registry_uow):
    uow, engine = registry_uow
    existing = command()
    use_cases.register_organisation(uow, Actor("operator"), existing, configured_city())
    with pytest.raises(IntegrityError):
        with uow:
            duplicate = domain.register(
                organisation_id=existing.organisation_id, name="重複", name_kana="ジュウフク",
                kind="other", region="yu", fields=["welfare"], description="", verified=True,
                now=datetime.now(timezone.utc), city=configured_city())
            uow.organisations.add(duplicate)
            uow.commit()
    assert count(engine, organisations) == 1
    assert count(engine, MESSAGING.outbox) == 1


def test_an_event_that_breaks_its_contract_is_refused_before_commit(registry_uow):
    uow, engine = registry_uow
    with pytest.raises(ValueError, match="breaks its contract"):
        with uow:
            uow.emit(OrganisationRegistered(organisation_id="not-a-uuid", kind="npo", region="yu",
                                            fields=[], status="verified"))
            uow.commit()
    assert count(engine, MESSAGING.outbox) == 0


def test_the_inbox_refuses_a_second_record_of_one_message(registry_uow):
    uow, engine = registry_uow
    message_id = str(uuid.uuid4())
    with uow:
        assert not uow.inbox.already_processed(message_id)
        uow.inbox.mark_processed(message_id, "x.y_happened")
        uow.commit()
    with uow:
        assert uow.inbox.already_processed(message_id)
        with pytest.raises(IntegrityError):
            uow.inbox.mark_processed(message_id, "x.y_happened")
    assert count(engine, MESSAGING.inbox) == 1
