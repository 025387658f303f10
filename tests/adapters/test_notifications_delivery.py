"""Notifications' deliveries on SQLite and PostgreSQL (schemas from the migrations), sent to a
real SMTP server (aiosmtpd) and a real HTTP receiver that verifies signatures with the
`standardwebhooks` package."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.migrations import upgrade
from services.notifications.adapters.line_channel import LineMessagingChannel
from services.notifications.adapters.host_resolver import SocketHostResolver
from services.notifications.adapters.smtp_channel import SmtpChannel, SmtpSettings
from services.notifications.adapters.tables import MESSAGING
from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork
from services.notifications.adapters.webhook_channel import HttpWebhookChannel
from services.notifications.app import contact_addresses, inbox, sending, subscriptions, webhooks
from services.notifications.app.event_handlers import EVENT_HANDLERS, SUBSCRIBABLE
from services.notifications.app.subscriptions import SubscriptionChoice
from services.notifications.app.inbox import InboxQuery
from services.notifications.app.ports import Channels, Links
from services.notifications.app.webhooks import NewEndpoint
from services.notifications.contract.events import PUBLISHED
from services.notifications.domain import signed_tokens
from services.notifications.domain.delivery import FAILED, SENT
from services.notifications.entrypoints.consumed_events import CONSUMED
from tests.support.rabbitmq import free_port
from tests.support.smtp import SmtpSink, html_part, text_part
from tests.support.webhook_receiver import WebhookReceiver

LINKS = Links("https://kyodo.example.jp", b"adapter-test-key")
PARTNER_ID = str(uuid.uuid4())
PARTNER = Actor("partner", PARTNER_ID, "key-1")


@pytest.fixture
def make_uow(database_url):
    upgrade("notifications", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    yield lambda: SqlNotificationsUnitOfWork(factory, "notifications", PUBLISHED, MESSAGING)
    engine.dispose()


@pytest.fixture
def sink():
    with SmtpSink() as running:
        yield running


@pytest.fixture
def receiver():
    with WebhookReceiver() as running:
        yield running


def channels(sink) -> Channels:
    return Channels(SmtpChannel(SmtpSettings(port=sink.port, timeout=5)), HttpWebhookChannel(5, SocketHostResolver(), allow_private=True),
                    LineMessagingChannel("", "http://127.0.0.1:9"))  # not used here


def send_all(make_uow, chans, clock=sending.utc_now):
    return [sending.send(make_uow(), chans, LINKS, d.id, claimed_until=d.next_attempt_at, clock=clock)
            for d in sending.claim_due(make_uow(), 500, clock=clock)]


def offer_posted():
    payload = {"offer_id": str(uuid.uuid4()), "organisation_id": PARTNER_ID,
               "starts": "2027-01-01", "ends": "2027-03-31", "status": "open", "changed": []}
    envelope = Envelope("matching.offer_posted", 1, "matching", payload, "corr").as_dict()
    return envelope, CONSUMED.load_incoming(envelope)[1]


def confirmed(make_uow, sink, chans, address="csr@partner.example.jp"):
    added = contact_addresses.add_address(make_uow(), PARTNER, str(uuid.uuid4()), "email", address)
    assert send_all(make_uow, chans) == [SENT]
    [mail] = sink.wait_for(address)
    code = signed_tokens.confirmation_code(LINKS.signing_key, added.id, address)
    assert code in text_part(mail) and "List-Unsubscribe" not in mail
    return contact_addresses.confirm_address(make_uow(), PARTNER, added.id, code, LINKS)


def test_double_opt_in_then_multipart_mail_with_one_click_unsubscribe(make_uow, sink):
    chans = channels(sink)
    confirmed(make_uow, sink, chans)
    envelope, payload = offer_posted()
    handler = EVENT_HANDLERS["matching.offer_posted"]
    assert apply_once(make_uow(), envelope, payload, handler)
    assert send_all(make_uow, chans) == [SENT]
    assert not apply_once(make_uow(), envelope, payload, handler)  # redelivered
    assert send_all(make_uow, chans) == []
    mails = sink.wait_for("csr@partner.example.jp", 2)
    mail = mails[1]
    assert len(sink.to("csr@partner.example.jp")) == 2
    assert mail["Subject"] == "CSRの提供を公開しました / Your CSR offer is published"
    assert mail.is_multipart() and mail.get_content_type() == "multipart/alternative"
    assert "提供期間 2027-01-01〜2027-03-31" in text_part(mail)
    assert f"https://kyodo.example.jp/api/v1/offers/{payload['offer_id']}" in html_part(mail)
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = mail["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://kyodo.example.jp/api/v1/notifications/unsubscribe/")
    contact_addresses.unsubscribe(make_uow(), url.rsplit("/", 1)[1], LINKS)
    again, again_payload = offer_posted()
    apply_once(make_uow(), again, again_payload, handler)
    assert send_all(make_uow, chans) == []


def test_html_escapes_what_it_shows(make_uow, sink):
    """Autoescape: a title with markup reaches the HTML part as text, not as markup."""
    from services.notifications.adapters.email_composer import compose
    from services.notifications.app.ports import OutgoingEmail
    message = compose(OutgoingEmail("a@example.jp", "<b>件名</b>", "<script>x</script>", None, None,
                                    str(uuid.uuid4())), "Kyodo <noreply@example.jp>")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_refused_mailbox_fails_at_once_and_is_recorded(make_uow, sink):
    chans = channels(sink)
    confirmed(make_uow, sink, chans)
    sink.refused.add("csr@partner.example.jp")
    envelope, payload = offer_posted()
    apply_once(make_uow(), envelope, payload, EVENT_HANDLERS["matching.offer_posted"])
    assert send_all(make_uow, chans) == [FAILED]


def test_a_dead_smtp_server_is_retried_later(make_uow):
    nobody_listens = free_port()
    chans = Channels(SmtpChannel(SmtpSettings(port=nobody_listens, timeout=2)), HttpWebhookChannel(2, SocketHostResolver(), allow_private=True),
                     LineMessagingChannel("", "http://127.0.0.1:9"))
    contact_addresses.add_address(make_uow(), PARTNER, str(uuid.uuid4()), "email", "x@example.jp")
    assert send_all(make_uow, chans) == ["pending"]


def test_signed_webhooks_verify_and_a_410_disables_the_endpoint(make_uow, sink, receiver):
    chans = channels(sink)
    registered = webhooks.register_endpoint(make_uow(), PARTNER, NewEndpoint(
        str(uuid.uuid4()), receiver.url, (), "CRM"), CONSUMED.types(), allow_private=True,
        resolver=SocketHostResolver())
    receiver.secrets.append(registered.secret)
    envelope, payload = offer_posted()
    apply_once(make_uow(), envelope, payload, EVENT_HANDLERS["matching.offer_posted"])
    assert send_all(make_uow, chans) == [SENT]
    [got] = receiver.wait_for(1)
    assert got["payload"]["type"] == "matching.offer_posted"
    assert got["payload"]["data"]["offer_id"] == payload["offer_id"]
    # Rotation: both secrets sign; a receiver knowing only the new one still accepts.
    rotated = webhooks.rotate_secret(make_uow(), PARTNER, registered.endpoint.id)
    receiver.secrets[:] = [rotated.secret]
    second, second_payload = offer_posted()
    apply_once(make_uow(), second, second_payload, EVENT_HANDLERS["matching.offer_posted"])
    assert send_all(make_uow, chans) == [SENT]
    assert len(receiver.wait_for(2)[1]["headers"]["webhook-signature"].split()) == 2
    # 410 Gone: disabled at once, the owner told, the attempt recorded with its code.
    receiver.answers.append(410)
    third, third_payload = offer_posted()
    apply_once(make_uow(), third, third_payload, EVENT_HANDLERS["matching.offer_posted"])
    assert send_all(make_uow, chans) == [FAILED]
    endpoint = webhooks.get_endpoint(make_uow(), PARTNER, registered.endpoint.id)
    assert endpoint.status == "disabled" and endpoint.disabled_reason == "410 Gone"
    page = webhooks.list_deliveries(make_uow(), PARTNER, endpoint.id, None, 10)
    assert [i.attempts[-1].status_code for i in page.items] == [410, 204, 204]
    titles = [m.title for m in inbox.read_inbox(make_uow(), PARTNER, InboxQuery()).items]
    assert titles[0].startswith("Webhook の送信先を停止しました")
    # Enabled again and replayed: the same webhook-id arrives.
    webhooks.enable_endpoint(make_uow(), PARTNER, endpoint.id)
    webhooks.replay_delivery(make_uow(), PARTNER, page.items[0].delivery.id)
    assert send_all(make_uow, chans) == [SENT]
    assert receiver.wait_for(3)[2]["id"] == sending.webhook_message_id(page.items[0].delivery)


def test_a_claim_is_taken_once(make_uow):
    contact_addresses.add_address(make_uow(), PARTNER, str(uuid.uuid4()), "email", "y@example.jp")
    first = sending.claim_due(make_uow(), 10)
    assert len(first) == 1 and sending.claim_due(make_uow(), 10) == []
    later = lambda: datetime.now(timezone.utc) + timedelta(minutes=3)  # noqa: E731  the lease ran out
    [again] = sending.claim_due(make_uow(), 10, clock=later)
    assert again.id == first[0].id
    # The first sender's lease is gone: it must not send what is now another's.
    assert sending.send(make_uow(), channels_unused(), LINKS, first[0].id,
                        claimed_until=first[0].next_attempt_at) is None


def channels_unused() -> Channels:
    class Refuse:
        def send(self, email):
            raise AssertionError("must not send")

        def post(self, url, headers, body):
            raise AssertionError("must not send")

        def push(self, message):
            raise AssertionError("must not send")
    return Channels(Refuse(), Refuse(), Refuse())


def test_inbox_newest_first_with_unread_count(make_uow):
    envelopes = [offer_posted() for _ in range(3)]
    for envelope, payload in envelopes:
        apply_once(make_uow(), envelope, payload, EVENT_HANDLERS["matching.offer_posted"])
    page = inbox.read_inbox(make_uow(), PARTNER, InboxQuery(limit=2))
    assert page.unread == 3 and len(page.items) == 2
    assert page.items[0].created_at >= page.items[1].created_at
    inbox.mark_read(make_uow(), PARTNER, page.items[0].id)
    assert inbox.read_inbox(make_uow(), PARTNER, InboxQuery()).unread == 2
    assert inbox.mark_all_read(make_uow(), PARTNER) == 2
    assert inbox.read_inbox(make_uow(), PARTNER, InboxQuery()).unread == 0


def test_preferences_and_a_daily_digest_on_sql(make_uow, sink):
    from datetime import time as clock_time

    from services.notifications.app import digests
    from services.notifications.app.preference_settings import get_preferences, put_preferences
    chans = channels(sink)
    confirmed(make_uow, sink, chans)
    put_preferences(make_uow(), PARTNER, {"channels": {"email": "daily"}, "language": "en",
                                          "quiet_start": clock_time(22), "quiet_end": clock_time(7),
                                          "time_zone": "Asia/Tokyo"})
    stored = get_preferences(make_uow(), PARTNER)
    assert (stored.mode("email"), stored.quiet_start, stored.language) == ("daily", clock_time(22), "en")
    for _ in range(2):
        envelope, payload = offer_posted()
        apply_once(make_uow(), envelope, payload, EVENT_HANDLERS["matching.offer_posted"])
    assert send_all(make_uow, chans) == []  # held for the digest
    jst = timezone(timedelta(hours=9))
    noon_tomorrow = datetime.combine(datetime.now(jst).date() + timedelta(days=1), clock_time(12), jst)
    tomorrow = noon_tomorrow.astimezone(timezone.utc)  # the day has ended; not in quiet hours
    assert digests.build_digests(make_uow(), tomorrow) == 1
    assert digests.build_digests(make_uow(), tomorrow) == 0
    assert send_all(make_uow, chans, clock=lambda: tomorrow) == [SENT]
    digest = sink.wait_for("csr@partner.example.jp", 2)[1]
    assert digest["Subject"].startswith("Your daily digest from ")
    assert text_part(digest).count("・Your CSR offer is published") == 2  # in English, as asked
    assert "https://kyodo.example.jp/api/v1/offers/" in text_part(digest)


def test_announcements_reach_everyone_known_with_receipts_and_feed_on_sql(make_uow, sink):
    from services.notifications.app import announcements
    from services.notifications.app.announcements import NewAnnouncement
    chans = channels(sink)
    confirmed(make_uow, sink, chans)  # the partner: known by its address
    citizen = Actor("citizen", str(uuid.uuid4()))
    subscriptions.subscribe(make_uow(), citizen, SubscriptionChoice(["miwa"], [], [], None), SUBSCRIBABLE)
    operator = Actor("operator", None, "op-1")
    announcement, reached = announcements.publish(make_uow(), operator, NewAnnouncement(
        str(uuid.uuid4()), "年末年始の休館", "12月29日から1月3日まで休館します。", (), (), False, True))
    assert reached == 2
    assert send_all(make_uow, chans) == [SENT]
    assert sink.wait_for("csr@partner.example.jp", 2)[1]["Subject"].startswith("お知らせ: 年末年始の休館")
    [message] = inbox.read_inbox(make_uow(), citizen, InboxQuery()).items
    inbox.mark_read(make_uow(), citizen, message.id)
    receipts = announcements.read_receipts(make_uow(), operator, announcement.id)
    assert (receipts.recipients, receipts.read, receipts.unread_recipients) == \
        (2, 1, [PARTNER.recipient_id])
    assert [a.id for a in announcements.public_feed(make_uow()).announcements] == [announcement.id]
