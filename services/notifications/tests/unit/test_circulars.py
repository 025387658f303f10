"""The e-回覧板: member households from registry's events (idempotent), only a neighbourhood
association (or an operator for it) sends, each household with an account gets a message with
its own signed read link, reads count per household in the inbox or by the link, paper
households are on the visit list, and erasure leaves a paper household behind."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from services.common.actor import Actor
from services.common.envelope import Envelope
from services.common.errors import Forbidden, NotFound, ValidationFailed
from services.common.event_handling import apply_once
from services.notifications.app import circulars, erasure, inbox
from services.notifications.app.circulars import NewCircular
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.app.ports import Links
from services.notifications.contract.responses import CircularReadsSchema
from services.notifications.domain.circular_links import LIFETIME, read_link_token
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.notifications.tests.unit.test_contact_addresses import (channels, confirmed_address,
                                                                     send_all)

LINKS = Links("https://kyodo.example.jp", b"test-signing-key")
OPERATOR = Actor("operator", None, "op-1")
NOW = datetime(2026, 12, 1, 0, 0, tzinfo=timezone.utc)


class Names:
    """Registry's answer (or its silence) for the visit list and the printed circular."""

    def __init__(self, names=None, organisation="今津一区自治会"):
        self.names, self.organisation = names, organisation

    def household_names(self, organisation_id):
        return self.names

    def organisation_name(self, organisation_id):
        return self.organisation


def deliver(uow, event_type, payload):
    envelope = Envelope(event_type, 1, "registry", payload, "corr").as_dict()
    return apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], EVENT_HANDLERS[event_type])


def association(uow, kind="neighbourhood_association"):
    organisation_id = str(uuid.uuid4())
    deliver(uow, "registry.organisation_registered", {
        "organisation_id": organisation_id, "kind": kind, "region": "iwakuni", "fields": [],
        "status": "verified", "founded_year": None, "legal_form": "none"})
    return organisation_id


def household(uow, organisation_id, person_id=None, role="member"):
    entry_id = str(uuid.uuid4())
    deliver(uow, "registry.roster_entry_added", {"entry_id": entry_id,
                                                 "organisation_id": organisation_id,
                                                 "role": role, "person_id": person_id})
    return entry_id


@pytest.fixture
def town():
    uow = MemoryNotificationsUnitOfWork()
    organisation_id = association(uow)
    person = str(uuid.uuid4())
    return {"uow": uow, "association": organisation_id, "key": Actor("organisation", organisation_id),
            "person": person, "citizen": Actor("citizen", person),
            "online": household(uow, organisation_id, person), "paper": household(uow, organisation_id)}


def new(organisation_id=None, title="年末の清掃活動", month="2026-12", critical=False):
    return NewCircular(str(uuid.uuid4()), organisation_id, title, "12月27日9時から公民館前を清掃します。",
                       month, critical)


def test_membership_follows_roster_events_once_each():
    uow = MemoryNotificationsUnitOfWork()
    organisation_id = association(uow)
    entry = str(uuid.uuid4())
    payload = {"entry_id": entry, "organisation_id": organisation_id, "role": "member",
               "person_id": "p-1"}
    envelope = Envelope("registry.roster_entry_added", 1, "registry", payload, "corr").as_dict()
    handler = EVENT_HANDLERS["registry.roster_entry_added"]
    assert apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], handler)
    assert not apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], handler)
    assert [h.person_id for h in uow.memberships.households_of(organisation_id)] == ["p-1"]
    deliver(uow, "registry.roster_entry_removed", {**payload})
    assert uow.memberships.households_of(organisation_id) == []


def test_an_older_roster_event_without_a_person_is_a_paper_household():
    uow = MemoryNotificationsUnitOfWork()
    organisation_id = association(uow)
    deliver(uow, "registry.roster_entry_added", {"entry_id": str(uuid.uuid4()),
                                                 "organisation_id": organisation_id, "role": "member"})
    assert [h.person_id for h in uow.memberships.households_of(organisation_id)] == [None]


def test_the_association_sends_to_every_household_and_reaches_those_with_an_account(town):
    uow = town["uow"]
    summary = circulars.send(uow, town["key"], new(), LINKS, NOW)
    assert (summary.households, summary.read, summary.paper_households) == (2, 0, 1)
    assert summary.circular.month_label == "2026年12月号"
    [message] = uow.messages.rows.values()
    assert message.recipient_id == town["citizen"].recipient_id
    assert message.title.startswith("回覧板（2026年12月号）: 年末の清掃活動 / Circular")
    assert message.link.startswith("/api/v1/circulars/read/")
    again = circulars.send(uow, town["key"], new().__class__(
        summary.circular.id, None, "別の件名", "x", None, False), LINKS, NOW)
    assert again.circular == summary.circular and len(uow.messages.rows) == 1


def test_a_person_listed_twice_hears_once_and_one_read_counts_for_both(town):
    uow = town["uow"]
    officer = household(uow, town["association"], town["person"], role="officer")
    circular = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    [message] = uow.messages.rows.values()
    circulars.read_by_link(uow, message.link.rsplit("/", 1)[1], LINKS, NOW)
    reads = circulars.reads(uow, town["key"], circular.id)
    assert {h.entry_id for h in reads.households if h.read_at} == {town["online"], officer}


def test_an_operator_sends_for_the_association_critical_too(town):
    summary = circulars.send(town["uow"], OPERATOR, new(town["association"], critical=True),
                             LINKS, NOW)
    assert summary.circular.critical and summary.circular.author_id == OPERATOR.recipient_id
    with pytest.raises(ValidationFailed) as unnamed:
        circulars.send(town["uow"], OPERATOR, new(None), LINKS, NOW)
    assert "organisation_id" in unnamed.value.fields


def test_only_neighbourhood_associations_send(town):
    uow = town["uow"]
    group = association(uow, kind="citizen_group")
    with pytest.raises(Forbidden) as refused:
        circulars.send(uow, Actor("organisation", group), new(), LINKS, NOW)
    assert "自治会" in refused.value.message and "neighbourhood association" in refused.value.message
    with pytest.raises(ValidationFailed) as unknown:
        circulars.send(uow, OPERATOR, new(str(uuid.uuid4())), LINKS, NOW)
    assert "organisation_id" in unknown.value.fields
    with pytest.raises(ValidationFailed):
        circulars.send(uow, OPERATOR, new(group), LINKS, NOW)
    with pytest.raises(Forbidden):  # another association's name on one's own key
        circulars.send(uow, Actor("organisation", group), new(town["association"]), LINKS, NOW)
    with pytest.raises(Forbidden):  # critical is the operators' call
        circulars.send(uow, town["key"], new(critical=True), LINKS, NOW)
    assert uow.circulars.rows == {} and uow.messages.rows == {}


@pytest.mark.parametrize("title, month, field", [("  ", "2026-12", "title"),
                                                 ("清掃", "2026-13", "month"),
                                                 ("清掃", "12-2026", "month")])
def test_bad_input_changes_nothing(town, title, month, field):
    with pytest.raises(ValidationFailed) as refused:
        circulars.send(town["uow"], town["key"], new(title=title, month=month), LINKS, NOW)
    assert field in refused.value.fields
    assert town["uow"].circulars.rows == {} and town["uow"].messages.rows == {}


def test_the_link_marks_the_household_and_its_inbox_copy_read(town):
    uow = town["uow"]
    circular = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    [message] = uow.messages.rows.values()
    token = message.link.rsplit("/", 1)[1]
    receipt = circulars.read_by_link(uow, token, LINKS, NOW + timedelta(hours=1))
    assert receipt.entry_id == town["online"] and receipt.read_at == NOW + timedelta(hours=1)
    assert uow.messages.get(message.id).read_at == NOW + timedelta(hours=1)
    circulars.read_by_link(uow, token, LINKS, NOW + timedelta(hours=2))  # the first read counts
    reads = circulars.reads(uow, town["key"], circular.id)
    assert reads.read == 1 and [h.entry_id for h in reads.unread] == [town["paper"]]
    assert reads.households[0].read_at == NOW + timedelta(hours=1) or \
        reads.households[1].read_at == NOW + timedelta(hours=1)


def test_reading_in_the_inbox_counts_for_the_household(town):
    uow = town["uow"]
    circular = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    [message] = uow.messages.rows.values()
    inbox.mark_read(uow, town["citizen"], message.id, NOW)
    assert circulars.reads(uow, OPERATOR, circular.id).read == 1
    second = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    inbox.mark_all_read(uow, town["citizen"], NOW)
    page = circulars.list_circulars(uow, town["key"], None, None, 10)
    assert {(s.circular.id, s.households, s.read, s.paper_households) for s in page.items} == {
        (circular.id, 2, 1, 1), (second.id, 2, 1, 1)}


def test_tampered_expired_and_foreign_tokens_are_refused(town):
    uow = town["uow"]
    circular = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    token = read_link_token(LINKS.signing_key, circular.id, town["online"], NOW + LIFETIME)
    payload, mac = token.split(".")
    for bad in (f"{payload}.{mac[:-2]}xx", f"{payload[:-2]}AA.{mac}", "not-a-token",
                read_link_token(b"another-key", circular.id, town["online"], NOW + LIFETIME)):
        with pytest.raises(ValidationFailed) as refused:
            circulars.read_by_link(uow, bad, LINKS, NOW)
        assert "token" in refused.value.fields
    with pytest.raises(ValidationFailed) as expired:
        circulars.read_by_link(uow, token, LINKS, NOW + LIFETIME)
    assert expired.value.fields == {"token": ["expired"]}
    assert circulars.reads(uow, OPERATOR, circular.id).read == 0


def test_reads_and_lists_only_for_the_association_and_operators(town):
    uow = town["uow"]
    circular = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    other = Actor("organisation", association(uow))
    for actor in (other, town["citizen"], Actor("partner", "p")):
        with pytest.raises(NotFound):
            circulars.reads(uow, actor, circular.id)
        with pytest.raises(NotFound):
            circulars.visit_list(uow, actor, circular.id, Names({}))
    assert circulars.list_circulars(uow, other, None, None, 10).items == []
    with pytest.raises(NotFound):
        circulars.list_circulars(uow, other, town["association"], None, 10)
    assert [s.circular.id for s in circulars.list_circulars(uow, OPERATOR, None, None, 10).items] \
        == [circular.id]


def test_the_visit_list_has_unread_households_with_names_or_blanks(town):
    uow = town["uow"]
    circular = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    names = Names({town["online"]: "山田 太郎", town["paper"]: "佐藤 花子"})
    listed = circulars.visit_list(uow, town["key"], circular.id, names)
    assert sorted(name for _, name in listed.households) == ["佐藤 花子", "山田 太郎"]
    [message] = uow.messages.rows.values()
    inbox.mark_read(uow, town["citizen"], message.id, NOW)
    listed = circulars.visit_list(uow, town["key"], circular.id, names)
    assert [(r.entry_id, r.paper, name) for r, name in listed.households] == [
        (town["paper"], True, "佐藤 花子")]
    silent = circulars.visit_list(uow, town["key"], circular.id, Names(None))
    assert not silent.names_known and [name for _, name in silent.households] == [""]


def test_erasure_turns_the_household_into_a_paper_one_and_keeps_the_counts(town):
    uow = town["uow"]
    circular = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    [message] = uow.messages.rows.values()
    inbox.mark_read(uow, town["citizen"], message.id, NOW)
    erased = erasure.erase_person(uow, OPERATOR, town["person"])
    assert erased["member_households"] == 1 and erased["circular_receipts"] == 1
    reads = circulars.reads(uow, town["key"], circular.id)
    assert reads.read == 1 and all(h.person_id is None for h in reads.households)
    assert town["person"] not in repr([uow.memberships.households, uow.circulars.receipt_rows])
    assert circulars.send(uow, town["key"], new(), LINKS, NOW).paper_households == 2


def test_households_hear_on_their_channels_once_with_their_own_absolute_link(town):
    uow, chans = town["uow"], channels()
    confirmed_address(uow, chans, actor=town["citizen"], address="yamada@example.jp")
    chans.email.sent.clear()
    summary = circulars.send(uow, town["key"], new(), LINKS)
    circulars.send(uow, town["key"], new().__class__(summary.circular.id, None, "x", "y", None,
                                                     False), LINKS)
    send_all(uow, chans)
    send_all(uow, chans)
    [mail] = chans.email.sent
    assert mail.to == "yamada@example.jp" and mail.subject.startswith("回覧板（2026年12月号）")
    assert mail.link.startswith("https://kyodo.example.jp/api/v1/circulars/read/")
    token = mail.link.rsplit("/", 1)[1]
    assert circulars.read_by_link(uow, token, LINKS).entry_id == town["online"]


def test_opening_the_link_shows_the_circular_and_changes_nothing(town):
    uow = town["uow"]
    circular = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    [message] = uow.messages.rows.values()
    token = message.link.rsplit("/", 1)[1]
    opened, receipt = circulars.opened_by_link(uow, token, LINKS, NOW)
    assert opened == circular and receipt.entry_id == town["online"] and receipt.read_at is None
    assert circulars.reads(uow, town["key"], circular.id).read == 0
    with pytest.raises(ValidationFailed):
        circulars.opened_by_link(uow, token, LINKS, NOW + LIFETIME)


def test_reads_name_each_household_as_registry_shows_it_and_say_when_it_did_not_answer(town):
    uow = town["uow"]
    circular = circulars.send(uow, town["key"], new(), LINKS, NOW).circular
    named = circulars.reads(uow, town["key"], circular.id, Names({town["online"]: "佐藤 花子"}))
    assert {(row.entry_id, row.name) for row in named.rows} == {
        (town["online"], "佐藤 花子"), (town["paper"], "")}
    dumped = CircularReadsSchema().dump(named)
    assert dumped["title"] == circular.title and dumped["names_known"] is True
    assert {item["entry_id"]: item["name"] for item in dumped["items"]}[town["online"]] == "佐藤 花子"

    silent = CircularReadsSchema().dump(circulars.reads(uow, town["key"], circular.id, Names(None)))
    assert silent["names_known"] is False and {item["name"] for item in silent["items"]} == {""}
    assert (silent["read"], silent["unread"]) == (named.read, len(named.unread))
