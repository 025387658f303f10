"""registry_0011 tells notifications, through the outbox, which organisations already stored are
neighbourhood associations and who is on their rosters (with each entry's person_id), on SQLite
and PostgreSQL; delivered to notifications, an existing association can send circulars at once.
The data is recorded through the real use cases at head, the outbox emptied, the schema taken
back to registry_0010 and upgraded again (registry_0011 changes no schema)."""
import json
import uuid
from datetime import datetime, timezone

from alembic import command
from sqlalchemy import delete, select

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.migrations import alembic_config, upgrade
from services.notifications.app import circulars
from services.notifications.app.circulars import NewCircular
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.app.ports import Links
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app import organisations, rosters
from services.registry.app.organisations import RegisterOrganisation
from services.registry.app.rosters import AddRosterEntry
from services.registry.contract.events import PUBLISHED

OPERATOR = Actor("operator", key_id="op")
OUTBOX = MESSAGING.outbox


def test_existing_associations_and_their_rosters_reach_notifications(database_url):
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)

    def uow():
        return SqlRegistryUnitOfWork(factory, "registry", PUBLISHED, MESSAGING)

    def organisation(name, kind):
        return organisations.register_organisation(uow(), OPERATOR, RegisterOrganisation(
            organisation_id=str(uuid.uuid4()), name=name, name_kana="ダンタイ", kind=kind,
            region="miwa", fields=["community_development"]), configured_city()).id

    def member(organisation_id, name, person_id=None):
        return rosters.add_entry(uow(), OPERATOR, AddRosterEntry(
            str(uuid.uuid4()), organisation_id, "member", name, person_id=person_id)).id

    association = organisation("秋掛自治会", "neighbourhood_association")
    group = organisation("美和写真クラブ", "citizen_group")
    person = str(uuid.uuid4())
    online, paper = member(association, "秋掛 太郎", person), member(association, "秋掛 花子")
    member(group, "美和 次郎", str(uuid.uuid4()))
    with engine.begin() as connection:
        connection.execute(delete(OUTBOX))
    engine.dispose()
    command.downgrade(alembic_config("registry", database_url), "registry_0010")
    upgrade("registry", database_url)

    with factory() as session:
        envelopes = [json.loads(row.envelope) for row in
                     session.execute(select(OUTBOX).order_by(OUTBOX.c.seq))]
    engine.dispose()
    assert [(e["type"], e["payload"].get("entry_id")) for e in envelopes] == [
        ("registry.organisation_updated", None), ("registry.roster_entry_added", online),
        ("registry.roster_entry_added", paper)]
    assert envelopes[0]["payload"]["kind"] == "neighbourhood_association"
    assert [e["payload"].get("person_id") for e in envelopes[1:]] == [person, None]
    assert "秋掛" not in json.dumps(envelopes, ensure_ascii=False)
    for envelope in envelopes:
        PUBLISHED.validate_outgoing(Envelope(**envelope))

    notifications = MemoryNotificationsUnitOfWork()
    for envelope in envelopes:
        _, payload = CONSUMED.load_incoming(envelope)
        apply_once(notifications, envelope, payload, EVENT_HANDLERS[envelope["type"]])
    sent = circulars.send(notifications, Actor("organisation", association), NewCircular(
        str(uuid.uuid4()), None, "秋の清掃", "10月に清掃します。", None, False),
        Links("https://kyodo.example.jp", b"k"), datetime.now(timezone.utc))
    assert (sent.households, sent.paper_households) == (2, 1)
