"""Matching's talent and match events become in-app messages for the parties, once each."""
import uuid

import pytest

from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork

FACTS = {"match_id": str(uuid.uuid4()), "need_id": str(uuid.uuid4()), "talent_id": str(uuid.uuid4()),
         "organisation_id": str(uuid.uuid4()), "by": "talent", "proposed_by": "organisation",
         "hours": 3.5, "rating": 5}


class Example:
    """Matching's payloads as notifications reads them (tests/contracts checks the producer's own)."""

    def __init__(self, event_type):
        self.type = event_type
        if event_type.startswith("matching.talent_"):
            self.example = {"talent_id": FACTS["talent_id"], "changed": ["skills"]}
        elif event_type.startswith("matching.offer_"):
            self.example = {"offer_id": str(uuid.uuid4()), "organisation_id": FACTS["organisation_id"],
                            "starts": "2027-01-01", "ends": "2027-03-31", "status": "open", "changed": []}
        else:
            self.example = FACTS


MATCH_EVENTS = [Example(c.type) for c in CONSUMED
                if c.type.startswith(("matching.talent_", "matching.offer_", "matching.match_",
                                      "matching.contact_"))]  # needs, gatherings, funding: elsewhere


@pytest.mark.parametrize("contract", MATCH_EVENTS, ids=lambda c: c.type)
def test_every_matching_event_reaches_its_parties_in_japanese_then_english(contract):
    uow = MemoryNotificationsUnitOfWork()
    envelope = Envelope(contract.type, 1, "matching", contract.example, "corr").as_dict()
    _, payload = CONSUMED.load_incoming(envelope)
    assert apply_once(uow, envelope, payload, EVENT_HANDLERS[contract.type])
    assert not apply_once(uow, envelope, payload, EVENT_HANDLERS[contract.type])
    recipients = {m.recipient_id for m in uow.messages.rows.values()}
    assert f"citizen:{contract.example.get('talent_id')}" in recipients or \
        f"organisation:{contract.example.get('organisation_id')}" in recipients or \
        f"partner:{contract.example.get('organisation_id')}" in recipients
    for message in uow.messages.rows.values():
        japanese, english = message.title.split(" / ", 1)
        assert any("\u3040" <= ch <= "\u9fff" for ch in japanese) and english.isascii()
        assert "{" not in message.body


def test_a_confirmation_tells_both_sides_and_links_the_match():
    uow = MemoryNotificationsUnitOfWork()
    [contract] = [c for c in MATCH_EVENTS if c.type == "matching.match_confirmed"]
    envelope = Envelope(contract.type, 1, "matching", contract.example, str(uuid.uuid4())).as_dict()
    _, payload = CONSUMED.load_incoming(envelope)
    apply_once(uow, envelope, payload, EVENT_HANDLERS[contract.type])
    messages = sorted(uow.messages.rows.values(), key=lambda m: m.recipient_id)
    assert [m.recipient_id.split(":")[0] for m in messages] == ["citizen", "organisation"]
    assert all(m.link == f"/api/v1/matches/{contract.example['match_id']}" for m in messages)
    assert "確定" in messages[0].title


@pytest.mark.parametrize("sender, recipient", [("organisation", "citizen"), ("talent", "organisation")])
def test_a_relayed_message_reaches_only_the_other_party(sender, recipient):
    uow = MemoryNotificationsUnitOfWork()
    payload = {**FACTS, "by": sender, "message_id": str(uuid.uuid4())}
    envelope = Envelope("matching.match_message_sent", 1, "matching", payload, "corr").as_dict()
    _, loaded = CONSUMED.load_incoming(envelope)
    apply_once(uow, envelope, loaded, EVENT_HANDLERS["matching.match_message_sent"])
    [message] = uow.messages.rows.values()
    assert message.recipient_id.split(":")[0] == recipient
    assert message.link.endswith("/messages")
