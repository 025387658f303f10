"""Webhooks per Standard Webhooks: registration rules, the secret shown once, rotation with two
active secrets, signatures the `standardwebhooks` package verifies, retries with backoff and
jitter over about a day, disabling (at once on 410) with the owner told, the attempt log and
replay — each only for the endpoint's owner or an operator."""
import json
import random
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from services.common.actor import Actor
from services.common.envelope import Envelope
from services.common.errors import NotFound, ValidationFailed
from services.common.event_handling import apply_once
from services.notifications.app import sending, webhooks
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.app.ports import Channels, Links
from services.notifications.app.webhooks import NewEndpoint
from services.notifications.domain.delivery import (FAILED, PENDING, RETRY_DELAYS, SENT, SendFailed,
                                                    retry_delay)
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.notifications.tests.fixed_resolver import FixedResolver
from services.notifications.tests.recording_channels import (RecordingEmailChannel,
                                                             RecordingLineChannel,
                                                             RecordingWebhookChannel)

LINKS = Links("https://kyodo.example.jp", b"key")
PARTNER_ID = str(uuid.uuid4())
PARTNER = Actor("partner", PARTNER_ID, "k-1")
KNOWN = CONSUMED.types()


class Clock:
    def __init__(self):
        self.now = datetime.now(timezone.utc) + timedelta(seconds=1)  # after what tests record

    def __call__(self):
        return self.now


# Names as the DNS would answer them (the documentation ranges are not global: real ones here).
RESOLVER = FixedResolver({"partner.example.jp": ["93.184.215.14", "2606:4700:4700::1111"],
                          "intranet.example.jp": ["93.184.215.15", "10.0.0.5"],
                          "home.example.jp": ["192.168.1.20"], "loop.example.jp": ["127.0.0.1"],
                          "v6-loop.example.jp": ["::1"], "ula.example.jp": ["fd12:3456::1"],
                          "metadata.example.jp": ["169.254.169.254"],
                          "mapped.example.jp": ["::ffff:10.1.2.3"]})


def register(uow, actor=PARTNER, url="https://partner.example.jp/hooks", event_types=(),
             allow_private=False):
    return webhooks.register_endpoint(uow, actor, NewEndpoint(str(uuid.uuid4()), url,
                                                              tuple(event_types), "CRM"),
                                      KNOWN, allow_private, RESOLVER)


def offer_posted(uow):
    payload = {"offer_id": str(uuid.uuid4()), "organisation_id": PARTNER_ID,
               "starts": "2027-01-01", "ends": "2027-03-31"}
    envelope = Envelope("matching.offer_posted", 1, "matching", payload, "corr").as_dict()
    apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], EVENT_HANDLERS["matching.offer_posted"])
    return envelope


def send_all(uow, chans, clock):
    return [sending.send(uow, chans, LINKS, d.id, claimed_until=d.next_attempt_at, clock=clock)
            for d in sending.claim_due(uow, 100, clock=clock)]


@pytest.mark.parametrize("url, event_types, field", [
    ("http://10.0.0.5/hooks", (), "url"),
    ("http://127.0.0.1:8080/hooks", (), "url"),
    ("http://localhost/hooks", (), "url"),
    ("http://localhost.:8080/hooks", (), "url"),
    ("http://[::1]/hooks", (), "url"),
    ("https://partner.example.jp/hooks", ("matching.no_such_event",), "event_types"),
])
def test_bad_endpoints_are_refused_with_the_field_named_and_nothing_stored(url, event_types, field):
    uow = MemoryNotificationsUnitOfWork()
    with pytest.raises(ValidationFailed) as refused:
        register(uow, url=url, event_types=event_types)
    assert field in refused.value.fields
    assert uow.webhook_endpoints.rows == {}


def test_a_private_url_is_allowed_when_configured():
    uow = MemoryNotificationsUnitOfWork()
    assert register(uow, url="http://127.0.0.1:8080/hooks", allow_private=True).secret
    assert register(uow, url="http://intranet.example.jp/hooks", allow_private=True).secret


@pytest.mark.parametrize("host", ["intranet.example.jp", "home.example.jp", "loop.example.jp",
                                  "v6-loop.example.jp", "ula.example.jp", "metadata.example.jp",
                                  "mapped.example.jp"])
def test_a_name_that_resolves_to_a_private_address_is_refused(host):
    uow = MemoryNotificationsUnitOfWork()
    with pytest.raises(ValidationFailed) as refused:
        register(uow, url=f"https://{host}/hooks")
    [message] = refused.value.fields["url"]
    assert "private" in message and uow.webhook_endpoints.rows == {}


def test_a_name_that_does_not_resolve_yet_is_accepted_and_checked_at_each_send():
    uow = MemoryNotificationsUnitOfWork()
    assert register(uow, url="https://not-yet.example.jp/hooks").secret
    assert RESOLVER.asked[-1] == "not-yet.example.jp"


def test_the_secret_is_shown_once():
    uow = MemoryNotificationsUnitOfWork()
    first = register(uow)
    assert first.secret.startswith("whsec_")
    again = webhooks.register_endpoint(uow, PARTNER, NewEndpoint(
        first.endpoint.id, first.endpoint.url, (), "CRM"), KNOWN, False, RESOLVER)
    assert again.secret == "" and again.endpoint.id == first.endpoint.id


def test_a_delivery_is_signed_so_that_standard_webhooks_verifies_it():
    uow, clock = MemoryNotificationsUnitOfWork(), Clock()
    chans = Channels(RecordingEmailChannel(), RecordingWebhookChannel(), RecordingLineChannel())
    secret = register(uow).secret
    offer_posted(uow)
    assert send_all(uow, chans, clock) == [SENT]
    [(url, headers, body)] = chans.webhook.posted
    verified = Webhook(secret).verify(body, headers)
    assert verified["type"] == "matching.offer_posted"
    assert verified["data"]["organisation_id"] == PARTNER_ID
    assert verified["data"]["title"].startswith("CSRの提供を公開しました")
    tampered = body.replace(PARTNER_ID.encode(), str(uuid.uuid4()).encode())
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(tampered, headers)
    stale = {**headers, "webhook-timestamp": str(int(clock.now.timestamp()) - 3600)}
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body, stale)


def test_rotation_signs_with_both_secrets_for_a_day_then_only_the_new_one():
    uow, clock = MemoryNotificationsUnitOfWork(), Clock()
    chans = Channels(RecordingEmailChannel(), RecordingWebhookChannel(), RecordingLineChannel())
    old = register(uow)
    new = webhooks.rotate_secret(uow, PARTNER, old.endpoint.id, now=clock.now)
    offer_posted(uow)
    send_all(uow, chans, clock)
    _, headers, body = chans.webhook.posted[-1]
    assert len(headers["webhook-signature"].split(" ")) == 2
    Webhook(old.secret).verify(body, headers)
    Webhook(new.secret).verify(body, headers)
    endpoint = uow.webhook_endpoints.get(old.endpoint.id)
    later = clock.now + timedelta(hours=25)
    assert endpoint.active_secrets(later) == [new.secret]


def test_retries_back_off_with_jitter_over_about_a_day():
    total = sum(RETRY_DELAYS, timedelta())
    assert timedelta(hours=20) < total < timedelta(hours=32)
    delays = [retry_delay(1, random.Random(seed)) for seed in range(50)]
    assert min(delays) >= timedelta(seconds=4) and max(delays) <= timedelta(seconds=6)
    assert len(set(delays)) > 40  # spread, not one instant
    assert retry_delay(len(RETRY_DELAYS) + 1) is None


def test_an_endpoint_failing_for_a_day_is_disabled_and_its_owner_told():
    uow, clock = MemoryNotificationsUnitOfWork(), Clock()
    chans = Channels(RecordingEmailChannel(), RecordingWebhookChannel(), RecordingLineChannel())
    endpoint = register(uow).endpoint
    offer_posted(uow)
    chans.webhook.answers = [SendFailed("HTTP 500", status_code=500)] * (len(RETRY_DELAYS) + 1)
    outcomes = []
    for _ in range(len(RETRY_DELAYS) + 1):
        outcomes += send_all(uow, chans, clock)
        clock.now += timedelta(hours=13)  # past the longest delay with its jitter
    assert outcomes == [PENDING] * len(RETRY_DELAYS) + [FAILED]
    stored = uow.webhook_endpoints.get(endpoint.id)
    assert stored.status == "disabled"
    told = [m for m in uow.messages.rows.values() if m.title.startswith("Webhook の送信先を停止")]
    assert [m.recipient_id for m in told] == [PARTNER.recipient_id]
    page = webhooks.list_deliveries(uow, PARTNER, endpoint.id, None, 10)
    [item] = page.items
    assert [a.status_code for a in item.attempts] == [500] * (len(RETRY_DELAYS) + 1)


def test_410_gone_disables_at_once_and_replay_after_enabling_sends_the_same_webhook_id():
    uow, clock = MemoryNotificationsUnitOfWork(), Clock()
    chans = Channels(RecordingEmailChannel(), RecordingWebhookChannel(), RecordingLineChannel())
    endpoint = register(uow).endpoint
    offer_posted(uow)
    chans.webhook.answers = [SendFailed("HTTP 410", permanent=True, status_code=410)]
    assert send_all(uow, chans, clock) == [FAILED]
    assert uow.webhook_endpoints.get(endpoint.id).disabled_reason == "410 Gone"
    [item] = webhooks.list_deliveries(uow, PARTNER, endpoint.id, None, 10).items
    with pytest.raises(ValidationFailed):
        webhooks.replay_delivery(uow, PARTNER, item.delivery.id)
    webhooks.enable_endpoint(uow, PARTNER, endpoint.id)
    webhooks.replay_delivery(uow, PARTNER, item.delivery.id, now=clock.now)
    assert send_all(uow, chans, clock) == [SENT]
    _, headers, body = chans.webhook.posted[-1]
    assert headers["webhook-id"] == sending.webhook_message_id(item.delivery)
    assert json.loads(body)["type"] == "matching.offer_posted"


def test_nobody_else_sees_or_replays_an_endpoint_but_an_operator_can():
    uow = MemoryNotificationsUnitOfWork()
    endpoint = register(uow).endpoint
    other = Actor("partner", str(uuid.uuid4()), "k-2")
    with pytest.raises(NotFound):
        webhooks.list_deliveries(uow, other, endpoint.id, None, 10)
    with pytest.raises(NotFound):
        webhooks.rotate_secret(uow, other, endpoint.id)
    assert webhooks.list_endpoints(uow, other) == []
    operator = Actor("operator", None, "op")
    assert webhooks.get_endpoint(uow, operator, endpoint.id).id == endpoint.id
    assert [found.id for found in webhooks.list_endpoints(uow, operator)] == [endpoint.id]


def test_an_endpoint_hears_only_the_event_types_it_asked_for():
    uow, clock = MemoryNotificationsUnitOfWork(), Clock()
    chans = Channels(RecordingEmailChannel(), RecordingWebhookChannel(), RecordingLineChannel())
    register(uow, event_types=("matching.offer_updated",))
    offer_posted(uow)
    assert send_all(uow, chans, clock) == []
