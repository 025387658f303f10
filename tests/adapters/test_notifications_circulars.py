"""The e-回覧板 on SQLite and PostgreSQL (schemas from the migrations): registry's roster events
kept once each, a circular's receipts, reads by link and in the inbox, counts and cursor pages,
erasure leaving a paper household, and the migration going down and up again."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import inspect

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.migrations import alembic_config, upgrade
from services.common.pagination import decode_cursor
from services.notifications.adapters.tables import MESSAGING
from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork
from services.notifications.app import circulars, erasure, inbox
from services.notifications.app.circulars import NewCircular
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.app.ports import Links
from services.notifications.contract.events import PUBLISHED
from services.notifications.entrypoints.consumed_events import CONSUMED

LINKS = Links("https://kyodo.example.jp", b"adapter-test-key")
OPERATOR = Actor("operator", None, "op-1")
NOW = datetime(2026, 12, 1, 0, 0, tzinfo=timezone.utc)
TABLES = {"organisation_kinds", "member_households", "circulars", "circular_receipts"}


@pytest.fixture
def make_uow(database_url):
    upgrade("notifications", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    yield lambda: SqlNotificationsUnitOfWork(factory, "notifications", PUBLISHED, MESSAGING)
    engine.dispose()


def deliver(make_uow, event_type, payload, envelope_id=None):
    envelope = Envelope(event_type, 1, "registry", payload, "corr").as_dict()
    envelope["id"] = envelope_id or envelope["id"]
    return apply_once(make_uow(), envelope, CONSUMED.load_incoming(envelope)[1],
                      EVENT_HANDLERS[event_type])


@pytest.fixture
def town(make_uow):
    association = str(uuid.uuid4())
    deliver(make_uow, "registry.organisation_registered", {
        "organisation_id": association, "kind": "citizen_group", "region": "iwakuni",
        "fields": [], "status": "verified", "founded_year": None, "legal_form": "none"})
    deliver(make_uow, "registry.organisation_updated", {
        "organisation_id": association, "kind": "neighbourhood_association", "region": "iwakuni",
        "fields": [], "status": "verified", "founded_year": None, "legal_form": "none"})
    person = str(uuid.uuid4())
    online, paper = str(uuid.uuid4()), str(uuid.uuid4())
    added = {"entry_id": online, "organisation_id": association, "role": "member",
             "person_id": person}
    envelope_id = str(uuid.uuid4())
    assert deliver(make_uow, "registry.roster_entry_added", added, envelope_id)
    assert not deliver(make_uow, "registry.roster_entry_added", added, envelope_id)
    deliver(make_uow, "registry.roster_entry_added", {**added, "entry_id": paper, "person_id": None})
    return {"association": association, "key": Actor("organisation", association),
            "person": person, "citizen": Actor("citizen", person), "online": online, "paper": paper}


def new(organisation_id=None, month="2026-12"):
    return NewCircular(str(uuid.uuid4()), organisation_id, "年末の清掃活動",
                       "12月27日9時から公民館前を清掃します。", month, False)


def test_members_come_from_registry_events_once(make_uow, town):
    with make_uow() as uow:
        assert uow.memberships.kind_of(town["association"]) == "neighbourhood_association"
        households = uow.memberships.households_of(town["association"])
    assert {(h.entry_id, h.person_id) for h in households} == {
        (town["online"], town["person"]), (town["paper"], None)}
    deliver(make_uow, "registry.roster_entry_removed", {
        "entry_id": town["paper"], "organisation_id": town["association"], "role": "member"})
    with make_uow() as uow:
        assert [h.entry_id for h in uow.memberships.households_of(town["association"])] == [
            town["online"]]


def test_send_read_by_link_and_inbox_and_count(make_uow, town):
    summary = circulars.send(make_uow(), town["key"], new(), LINKS, NOW)
    assert (summary.households, summary.paper_households) == (2, 1)
    again = circulars.send(make_uow(), town["key"], new().__class__(
        summary.circular.id, None, "別", "別", None, False), LINKS, NOW)
    assert again.circular == summary.circular
    page = inbox.read_inbox(make_uow(), town["citizen"], inbox.InboxQuery())
    [message] = page.items
    assert message.title.startswith("回覧板（2026年12月号）")
    with make_uow() as uow:
        assert len(uow.deliveries.due(NOW + timedelta(days=1), 10)) == 0  # no address given
    token = message.link.rsplit("/", 1)[1]
    receipt = circulars.read_by_link(make_uow(), token, LINKS, NOW + timedelta(minutes=5))
    assert receipt.entry_id == town["online"]
    assert inbox.read_inbox(make_uow(), town["citizen"], inbox.InboxQuery()).unread == 0
    reads = circulars.reads(make_uow(), town["key"], summary.circular.id)
    assert reads.read == 1 and [h.entry_id for h in reads.unread] == [town["paper"]]
    assert [h.read_at for h in reads.households if h.entry_id == town["online"]] == [
        NOW + timedelta(minutes=5)]


def test_lists_newest_first_with_counts_in_pages(make_uow, town):
    sent = [circulars.send(make_uow(), town["key"], new(), LINKS, NOW + timedelta(days=i)).circular
            for i in range(3)]
    inbox.mark_all_read(make_uow(), town["citizen"], NOW + timedelta(days=5))
    first = circulars.list_circulars(make_uow(), town["key"], None, None, 2)
    rest = circulars.list_circulars(make_uow(), OPERATOR, town["association"],
                                    decode_cursor(first.next_cursor), 2)
    assert [s.circular.id for s in first.items + rest.items] == [c.id for c in reversed(sent)]
    assert {(s.households, s.read, s.paper_households) for s in first.items + rest.items} == {
        (2, 1, 1)}
    assert rest.next_cursor is None


def test_erasure_leaves_a_paper_household_with_its_read(make_uow, town):
    circular = circulars.send(make_uow(), town["key"], new(), LINKS, NOW).circular
    inbox.mark_all_read(make_uow(), town["citizen"], NOW)
    erased = erasure.erase_person(make_uow(), OPERATOR, town["person"])
    assert erased["member_households"] == 1 and erased["circular_receipts"] == 1
    reads = circulars.reads(make_uow(), town["key"], circular.id)
    assert reads.read == 1 and {h.person_id for h in reads.households} == {None}
    with make_uow() as uow:
        assert {h.person_id for h in uow.memberships.households_of(town["association"])} == {None}


def test_the_migration_goes_down_and_up(database_url):
    upgrade("notifications", database_url)
    engine = make_engine(database_url)
    try:
        assert TABLES <= set(inspect(engine).get_table_names())
        command.downgrade(alembic_config("notifications", database_url), "notifications_0003")
        assert not TABLES & set(inspect(engine).get_table_names())
        upgrade("notifications", database_url)
        assert TABLES <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
