"""Webhook destinations checked against the addresses their names resolve to: real resolution of
`localhost`, a table resolver for the names no real DNS gives, and the send connecting to the
address that was checked (the name kept for the Host header), so a name that resolves elsewhere a
moment later cannot redirect it."""
import json
import ssl
import subprocess
import time
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import ValidationFailed
from services.notifications.adapters.host_resolver import SocketHostResolver
from services.notifications.adapters.webhook_channel import HttpWebhookChannel
from services.notifications.app import webhooks
from services.notifications.app.webhooks import NewEndpoint
from services.notifications.domain import webhook_signing
from services.notifications.domain.delivery import SendFailed
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.notifications.tests.fixed_resolver import FixedResolver
from tests.support.webhook_receiver import WebhookReceiver

SECRET = webhook_signing.new_secret()


@pytest.fixture
def receiver():
    with WebhookReceiver() as running:
        running.secrets.append(SECRET)
        yield running


def signed():
    body = json.dumps({"type": "matching.offer_posted", "data": {}}).encode()
    message_id = f"msg_{uuid.uuid4().hex}"
    return webhook_signing.headers([SECRET], message_id, int(time.time()), body), body


def test_localhost_really_resolves_to_loopback_and_is_refused_at_send(receiver):
    assert SocketHostResolver().addresses("localhost")  # the system resolver answers
    channel = HttpWebhookChannel(5, SocketHostResolver(), allow_private=False)
    with pytest.raises(SendFailed) as refused:
        channel.post(f"http://localhost:{receiver.port}/hooks", *signed())
    assert "private" in str(refused.value) and not refused.value.permanent
    assert receiver.accepted == []


def test_with_private_addresses_allowed_the_send_reaches_a_loopback_receiver(receiver):
    channel = HttpWebhookChannel(5, SocketHostResolver(), allow_private=True)
    assert channel.post(f"http://localhost:{receiver.port}/hooks", *signed()) == 204
    [got] = receiver.wait_for(1)
    assert got["headers"]["host"] == f"localhost:{receiver.port}"


def test_the_send_connects_to_the_checked_address_and_keeps_the_name(receiver):
    # No DNS knows this name: only the address the check saw can have been used.
    resolver = FixedResolver({"hooks.partner.example.jp": ["127.0.0.1"]})
    channel = HttpWebhookChannel(5, resolver, allow_private=True)
    assert channel.post(f"http://hooks.partner.example.jp:{receiver.port}/hooks", *signed()) == 204
    [got] = receiver.wait_for(1)
    assert got["headers"]["host"] == f"hooks.partner.example.jp:{receiver.port}"
    assert resolver.asked == ["hooks.partner.example.jp"]  # resolved once, for the check


def test_any_private_answer_refuses_the_send_and_an_unknown_name_is_retried_later(receiver):
    mixed = FixedResolver({"mixed.example.jp": ["93.184.215.14", "127.0.0.1"]})
    with pytest.raises(SendFailed, match="private"):
        HttpWebhookChannel(5, mixed, allow_private=False).post(
            f"http://mixed.example.jp:{receiver.port}/hooks", *signed())
    with pytest.raises(SendFailed, match="resolve") as unknown:
        HttpWebhookChannel(5, SocketHostResolver(), allow_private=False).post(
            "https://no-such-host.invalid/hooks", *signed())
    assert not unknown.value.permanent
    assert receiver.accepted == []


def test_registration_with_the_system_resolver():
    uow = MemoryNotificationsUnitOfWork()
    partner = Actor("partner", str(uuid.uuid4()))

    def register(url):
        return webhooks.register_endpoint(uow, partner, NewEndpoint(str(uuid.uuid4()), url, (), ""),
                                          CONSUMED.types(), False, SocketHostResolver())
    with pytest.raises(ValidationFailed):
        register("http://localhost.:8080/hooks")  # the fully qualified spelling is localhost too
    assert register("https://no-such-host.invalid/hooks").secret  # checked again at each send
    assert len(uow.webhook_endpoints.rows) == 1


@pytest.fixture
def tls_receiver(tmp_path, monkeypatch):
    """A receiver behind TLS with a certificate for hooks.partner.example.jp, trusted through
    SSL_CERT_FILE as a CA would be."""
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=hooks.partner.example.jp",
                    "-addext", "subjectAltName=DNS:hooks.partner.example.jp",
                    "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True, timeout=60)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    receiver = WebhookReceiver()
    receiver.serve_tls(context)  # before it starts listening
    with receiver as running:
        running.secrets.append(SECRET)
        yield running


def test_https_goes_to_the_checked_address_and_verifies_the_certificate_for_the_name(tls_receiver):
    resolver = FixedResolver({"hooks.partner.example.jp": ["127.0.0.1"],
                              "other.example.jp": ["127.0.0.1"]})
    channel = HttpWebhookChannel(5, resolver, allow_private=True)
    port = tls_receiver.port
    assert channel.post(f"https://hooks.partner.example.jp:{port}/hooks", *signed()) == 204
    [got] = tls_receiver.wait_for(1)
    assert got["headers"]["host"] == f"hooks.partner.example.jp:{port}"
    with pytest.raises(SendFailed, match="SSL"):  # the certificate names another host
        channel.post(f"https://other.example.jp:{port}/hooks", *signed())
