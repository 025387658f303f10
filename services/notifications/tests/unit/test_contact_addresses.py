"""E-mail: double opt-in, one pending delivery per event and confirmed address, sent by the
sender (not the handler), never twice, stopped by one click."""
import uuid
from datetime import datetime, timezone

import pytest

from services.common.actor import Actor
from services.common.envelope import Envelope
from services.common.errors import Conflict, NotFound, ValidationFailed
from services.common.event_handling import apply_once
from services.notifications.app import contact_addresses, fan_out, sending, subscriptions
from services.notifications.app.event_handlers import EVENT_HANDLERS, SUBSCRIBABLE
from services.notifications.app.subscriptions import SubscriptionChoice
from services.notifications.app.ports import Channels, Links
from services.notifications.domain import signed_tokens
from services.notifications.domain.delivery import EMAIL, FAILED, PENDING, SENT, SendFailed
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.notifications.tests.recording_channels import (RecordingEmailChannel,
                                                             RecordingLineChannel,
                                                             RecordingWebhookChannel)

LINKS = Links("https://kyodo.example.jp", b"test-signing-key")
TALENT = str(uuid.uuid4())
CITIZEN = Actor("citizen", TALENT)


def channels():
    return Channels(RecordingEmailChannel(), RecordingWebhookChannel(), RecordingLineChannel())


def send_all(uow, chans):
    return [sending.send(uow, chans, LINKS, d.id, claimed_until=d.next_attempt_at)
            for d in sending.claim_due(uow, limit=100)]


def confirmed_address(uow, chans, actor=CITIZEN, address="taro@example.jp"):
    added = contact_addresses.add_address(uow, actor, str(uuid.uuid4()), "email", address)
    send_all(uow, chans)
    code = signed_tokens.confirmation_code(LINKS.signing_key, added.id, address)
    return contact_addresses.confirm_address(uow, actor, added.id, code, LINKS)


def match_confirmed():
    payload = {"match_id": str(uuid.uuid4()), "need_id": str(uuid.uuid4()), "talent_id": TALENT,
               "organisation_id": str(uuid.uuid4())}
    envelope = Envelope("matching.match_confirmed", 1, "matching", payload, "corr").as_dict()
    return envelope, CONSUMED.load_incoming(envelope)[1]


def test_an_address_gets_a_confirmation_code_and_nothing_else_until_confirmed():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    added = contact_addresses.add_address(uow, CITIZEN, str(uuid.uuid4()), "email", "taro@example.jp")
    assert added.status == "pending_confirmation"
    envelope, payload = match_confirmed()
    apply_once(uow, envelope, payload, EVENT_HANDLERS["matching.match_confirmed"])
    send_all(uow, chans)
    [confirmation] = chans.email.sent
    code = signed_tokens.confirmation_code(LINKS.signing_key, added.id, "taro@example.jp")
    assert code in confirmation.text and confirmation.unsubscribe_url is None
    assert confirmation.to == "taro@example.jp"


def test_a_wrong_code_is_refused_and_confirms_nothing():
    uow = MemoryNotificationsUnitOfWork()
    added = contact_addresses.add_address(uow, CITIZEN, str(uuid.uuid4()), "email", "taro@example.jp")
    with pytest.raises(ValidationFailed) as refused:
        contact_addresses.confirm_address(uow, CITIZEN, added.id, "00000000", LINKS)
    assert "code" in refused.value.fields
    assert contact_addresses.list_addresses(uow, CITIZEN)[0].confirmed_at is None


def test_only_the_owner_confirms_and_the_same_address_is_not_registered_twice():
    uow = MemoryNotificationsUnitOfWork()
    added = contact_addresses.add_address(uow, CITIZEN, str(uuid.uuid4()), "email", "taro@example.jp")
    code = signed_tokens.confirmation_code(LINKS.signing_key, added.id, "taro@example.jp")
    with pytest.raises(NotFound):
        contact_addresses.confirm_address(uow, Actor("citizen", "other"), added.id, code, LINKS)
    with pytest.raises(Conflict):
        contact_addresses.add_address(uow, CITIZEN, str(uuid.uuid4()), "email", "Taro@example.jp")


def test_an_event_reaches_a_confirmed_address_once_even_when_redelivered():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    confirmed_address(uow, chans)
    envelope, payload = match_confirmed()
    handler = EVENT_HANDLERS["matching.match_confirmed"]
    assert apply_once(uow, envelope, payload, handler)
    assert chans.email.sent[1:] == []  # the handler records; it does not send
    assert send_all(uow, chans) == [SENT]
    # A redelivered envelope is absorbed by the inbox; were the deliveries recorded again
    # anyway, their ids (event, channel, address) would name the ones already sent.
    assert not apply_once(uow, envelope, payload, handler)
    [message] = [m for m in uow.messages.rows.values() if m.recipient_id == CITIZEN.recipient_id]
    with uow:
        assert fan_out.record_deliveries(uow, [message], "matching.match_confirmed", payload) == 0
    assert send_all(uow, chans) == []
    mail = chans.email.sent[-1]
    assert mail.subject.startswith("マッチが確定しました")
    assert mail.link == f"https://kyodo.example.jp/api/v1/matches/{payload['match_id']}"
    assert len([m for m in chans.email.sent if m.subject == mail.subject]) == 1


def test_one_click_unsubscribe_stops_further_mail():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    confirmed_address(uow, chans)
    envelope, payload = match_confirmed()
    apply_once(uow, envelope, payload, EVENT_HANDLERS["matching.match_confirmed"])
    send_all(uow, chans)
    token = chans.email.sent[-1].unsubscribe_url.rsplit("/", 1)[1]
    assert contact_addresses.unsubscribe(uow, token, LINKS).status == "unsubscribed"
    again, again_payload = match_confirmed()
    apply_once(uow, again, again_payload, EVENT_HANDLERS["matching.match_confirmed"])
    assert send_all(uow, chans) == []
    assert len(chans.email.sent) == 2  # the confirmation and the first notice


def test_a_forged_unsubscribe_token_is_refused():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    address = confirmed_address(uow, chans)
    forged = signed_tokens.make_token(b"another key", "unsubscribe", address.id)
    with pytest.raises(ValidationFailed):
        contact_addresses.unsubscribe(uow, forged, LINKS)
    assert contact_addresses.list_addresses(uow, CITIZEN)[0].status == "confirmed"


def test_a_temporary_smtp_failure_is_retried_later_and_a_permanent_one_is_not():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    confirmed_address(uow, chans)
    envelope, payload = match_confirmed()
    apply_once(uow, envelope, payload, EVENT_HANDLERS["matching.match_confirmed"])
    chans.email.failure = SendFailed("SMTP 451")
    assert send_all(uow, chans) == [PENDING]
    [delivery] = [d for d in uow.deliveries.rows.values() if d.kind == "matching.match_confirmed"]
    assert delivery.attempts == 1 and delivery.next_attempt_at > datetime.now(timezone.utc)
    assert send_all(uow, chans) == []  # not due yet
    chans.email.failure = SendFailed("SMTP 550", permanent=True)
    assert sending.send(uow, chans, LINKS, delivery.id) == FAILED
    assert [a.outcome for a in uow.deliveries.attempts_of(delivery.id)] == ["failed", "failed"]


def test_a_subscriber_without_an_address_gets_the_inbox_message_only():
    uow = MemoryNotificationsUnitOfWork()
    subscriptions.subscribe(uow, CITIZEN, SubscriptionChoice(["yu"], [], [], None), SUBSCRIBABLE)
    envelope = Envelope("matching.need_posted", 1, "matching", {
        "need_id": str(uuid.uuid4()), "organisation_id": str(uuid.uuid4()), "title": "受付",
        "region": "yu", "fields": [], "slots": 2}, "corr").as_dict()
    apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], EVENT_HANDLERS["matching.need_posted"])
    assert len(uow.messages.rows) == 1 and not [d for d in uow.deliveries.rows.values()
                                                 if d.channel == EMAIL]


def test_each_final_outcome_publishes_its_event_with_ids_and_counts_only():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    confirmed_address(uow, chans)
    outcomes = [e for e in uow.published if e.type.startswith("notifications.")]
    assert [(e.type, e.kind) for e in outcomes] == [("notifications.delivered", "email_confirmation")]
    del uow.published[:]
    envelope, payload = match_confirmed()
    apply_once(uow, envelope, payload, EVENT_HANDLERS["matching.match_confirmed"])
    chans.email.failure = SendFailed("SMTP 451")
    assert send_all(uow, chans) == [PENDING]
    assert uow.published == []  # a retry is no outcome yet
    [delivery] = [d for d in uow.deliveries.rows.values() if d.kind == "matching.match_confirmed"]
    chans.email.failure = SendFailed("SMTP 550", permanent=True)
    assert sending.send(uow, chans, LINKS, delivery.id) == FAILED
    [failed] = uow.published
    assert failed.type == "notifications.delivery_failed"
    assert failed.payload() == {"delivery_id": delivery.id, "source_id": envelope["id"],
                                "channel": EMAIL, "kind": "matching.match_confirmed",
                                "attempts": 2,
                                "finished_at": uow.deliveries.get(delivery.id).finished_at.isoformat()}
