"""LINE Messaging API push through line-bot-sdk, against a local stand-in for LINE's HTTP API
(LINE's base URL is configurable), on SQLite and PostgreSQL: double opt-in by a code pushed to
the account, notices pushed with their link, the retry key making a repeat harmless, and
failures retried or given up as LINE's answer says."""
import uuid

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
from services.notifications.app import contact_addresses, sending
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.app.ports import Channels, Links, OutgoingLine
from services.notifications.contract.events import PUBLISHED
from services.notifications.domain import signed_tokens
from services.notifications.domain.delivery import FAILED, PENDING, SENT, SendFailed
from services.notifications.entrypoints.consumed_events import CONSUMED
from tests.support.webhook_receiver import LineStandIn

LINKS = Links("https://kyodo.example.jp", b"line-test-key")
TALENT_ID = str(uuid.uuid4())
CITIZEN = Actor("citizen", TALENT_ID)
LINE_USER = "U" + uuid.uuid4().hex


@pytest.fixture
def make_uow(database_url):
    upgrade("notifications", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    yield lambda: SqlNotificationsUnitOfWork(factory, "notifications", PUBLISHED, MESSAGING)
    engine.dispose()


@pytest.fixture
def line():
    with LineStandIn() as running:
        yield running


def channels(line, token=None) -> Channels:
    return Channels(SmtpChannel(SmtpSettings(port=9, timeout=1)), HttpWebhookChannel(1, SocketHostResolver(), allow_private=True),
                    LineMessagingChannel(token or line.access_token, line.base_url, timeout=5))


def send_all(make_uow, chans):
    return [sending.send(make_uow(), chans, LINKS, d.id, claimed_until=d.next_attempt_at)
            for d in sending.claim_due(make_uow(), 100)]


def confirmed_line(make_uow, line):
    added = contact_addresses.add_address(make_uow(), CITIZEN, str(uuid.uuid4()), "line", LINE_USER)
    assert send_all(make_uow, channels(line)) == [SENT]
    [push] = line.wait_for(LINE_USER)
    code = signed_tokens.confirmation_code(LINKS.signing_key, added.id, LINE_USER)
    assert f"確認コード: {code}" in push["text"]
    return contact_addresses.confirm_address(make_uow(), CITIZEN, added.id, code, LINKS)


def match_confirmed():
    payload = {"match_id": str(uuid.uuid4()), "need_id": str(uuid.uuid4()), "talent_id": TALENT_ID,
               "organisation_id": str(uuid.uuid4())}
    envelope = Envelope("matching.match_confirmed", 1, "matching", payload, "corr").as_dict()
    return envelope, CONSUMED.load_incoming(envelope)[1]


def test_a_confirmed_line_account_gets_the_notice_with_its_link_once(make_uow, line):
    confirmed_line(make_uow, line)
    envelope, payload = match_confirmed()
    handler = EVENT_HANDLERS["matching.match_confirmed"]
    assert apply_once(make_uow(), envelope, payload, handler)
    assert send_all(make_uow, channels(line)) == [SENT]
    assert not apply_once(make_uow(), envelope, payload, handler)
    assert send_all(make_uow, channels(line)) == []
    pushes = line.wait_for(LINE_USER, 2)
    assert len(pushes) == 2
    assert pushes[1]["text"].startswith("マッチが確定しました / The match is confirmed")
    assert pushes[1]["text"].endswith(f"https://kyodo.example.jp/api/v1/matches/{payload['match_id']}")


def test_the_retry_key_makes_a_repeated_push_harmless(line):
    channel = LineMessagingChannel(line.access_token, line.base_url)
    message = OutgoingLine(LINE_USER, "テスト", str(uuid.uuid4()))
    channel.push(message)
    channel.push(message)  # LINE answers 409: already accepted, so it counts as sent
    assert len(line.to(LINE_USER)) == 1 and line.to(LINE_USER)[0]["retry_key"] == message.retry_key


@pytest.mark.parametrize("status, permanent", [(500, False), (429, False), (400, True)])
def test_lines_answers_decide_retry_or_give_up(line, status, permanent):
    line.answers.append(status)
    with pytest.raises(SendFailed) as failed:
        LineMessagingChannel(line.access_token, line.base_url).push(
            OutgoingLine(LINE_USER, "テスト", str(uuid.uuid4())))
    assert failed.value.status_code == status and failed.value.permanent is permanent


def test_a_wrong_token_or_none_is_retried_not_lost(make_uow, line):
    contact_addresses.add_address(make_uow(), CITIZEN, str(uuid.uuid4()), "line", LINE_USER)
    assert send_all(make_uow, channels(line, token="wrong")) == [PENDING]
    with pytest.raises(SendFailed):
        LineMessagingChannel("", line.base_url).push(OutgoingLine(LINE_USER, "x", str(uuid.uuid4())))


def test_a_bad_user_id_fails_at_once(make_uow, line):
    contact_addresses.add_address(make_uow(), CITIZEN, str(uuid.uuid4()), "line", LINE_USER)
    line.answers.append(400)
    assert send_all(make_uow, channels(line)) == [FAILED]
