"""Account e-mails (a password reset link): from the gateway only, recorded once per request,
sent by the sender with its retries, and the address and link forgotten once the delivery ends."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.notifications.app import account_emails, sending
from services.notifications.app.ports import Channels, Links
from services.notifications.domain.delivery import FAILED, PENDING, SENT, SendFailed
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.notifications.tests.recording_channels import (RecordingEmailChannel,
                                                             RecordingLineChannel,
                                                             RecordingWebhookChannel)

LINKS = Links("https://kyodo.example.jp", b"test-signing-key")
GATEWAY = Actor("service", None, "gateway-console")
LINK = "/console/password-reset/secret-token-abc"


def request(**changes):
    return {"request_id": str(uuid.uuid4()), "account_id": str(uuid.uuid4()),
            "to": "staff@city.example.jp", "template": "password_reset", "link": LINK,
            "valid_minutes": 30, **changes}


def channels():
    return Channels(RecordingEmailChannel(), RecordingWebhookChannel(), RecordingLineChannel())


def send_due(uow, chans, now):
    return [sending.send(uow, chans, LINKS, d.id, claimed_until=d.next_attempt_at,
                         clock=lambda: now)
            for d in sending.claim_due(uow, limit=10, clock=lambda: now)]


def test_a_reset_link_goes_to_the_address_given_in_both_languages_then_is_forgotten():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    delivery_id = account_emails.send_account_email(uow, GATEWAY, request())
    assert send_due(uow, chans, datetime.now(timezone.utc)) == [SENT]
    [email] = chans.email.sent
    assert email.to == "staff@city.example.jp"
    assert email.link == "https://kyodo.example.jp" + LINK
    assert "30 分以内" in email.text and "within 30 minutes" in email.text
    assert email.unsubscribe_url is None
    stored = uow.deliveries.get(delivery_id)
    assert stored.status == SENT and stored.content == {}
    assert "secret-token" not in repr(uow.deliveries.attempts)


def test_the_same_request_twice_records_one_delivery():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    asked = request()
    first = account_emails.send_account_email(uow, GATEWAY, asked)
    assert account_emails.send_account_email(uow, GATEWAY, asked) == first
    send_due(uow, chans, datetime.now(timezone.utc))
    assert len(chans.email.sent) == 1


@pytest.mark.parametrize("role", ["operator", "partner", "citizen", "anonymous"])
def test_only_a_service_caller_may_ask(role):
    uow = MemoryNotificationsUnitOfWork()
    with pytest.raises(Forbidden):
        account_emails.send_account_email(uow, Actor(role, None, "someone"), request())
    assert uow.deliveries.rows == {}


def test_an_smtp_outage_is_retried_with_the_link_kept_until_a_refusal_ends_it():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    delivery_id = account_emails.send_account_email(uow, GATEWAY, request())
    chans.email.failure = SendFailed("SMTP unavailable: ConnectionRefusedError")
    now = datetime.now(timezone.utc)
    assert send_due(uow, chans, now) == [PENDING]
    assert uow.deliveries.get(delivery_id).content["link"] == LINK  # still needed for the retry
    chans.email.failure = SendFailed("recipient refused: [550]", permanent=True)
    assert send_due(uow, chans, now + timedelta(minutes=1)) == [FAILED]
    failed = uow.deliveries.get(delivery_id)
    assert failed.content == {} and failed.attempts == 2


def test_a_forgotten_delivery_replayed_sends_nothing():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    delivery_id = account_emails.send_account_email(uow, GATEWAY, request())
    now = datetime.now(timezone.utc)
    send_due(uow, chans, now)
    delivery = uow.deliveries.get(delivery_id)
    delivery.replay(now)
    uow.deliveries.save(delivery)
    assert send_due(uow, chans, now) == [FAILED]
    assert len(chans.email.sent) == 1
