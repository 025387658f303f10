"""Password reset tokens: only a hash stored, single use, an expiry; using one sets the password,
clears the lock-out and revokes every session and every other link; limits per address and
client; reset links blanked in log lines."""
import hashlib
import logging
import threading
import time
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from gateway.console.accounts import (LockoutPolicy, LoginRefused, check_password, create_account,
                                      record_failure)
from gateway.console.password_reset_screens import ResetDesk, ResetTokensRedacted, request_link
from gateway.console.password_resets import (LINK_PATH, ResetLimits, ResetPolicy, ResetRefused,
                                             is_usable, issue, looks_like_email, reset_password)
from gateway.console.sessions import SessionPolicy, find_session, open_session
from gateway.tables import console_password_resets
from gateway.tests.test_key_cache import keys_database
from services.common.errors import ValidationFailed

NOW = datetime(2026, 12, 3, 4, 0, tzinfo=timezone.utc)
OLD, NEW = "the-old-password-1", "a-brand-new-password-2"
POLICY = ResetPolicy(valid_minutes=30)


@pytest.fixture
def engine(tmp_path):
    return keys_database(tmp_path)


@pytest.fixture
def account_id(engine):
    return create_account(engine, "staff@city.example.jp", OLD, "operator", NOW)


def test_a_link_is_issued_for_a_known_address_however_it_is_typed(engine, account_id):
    issued = issue(engine, "ＳＴＡＦＦ＠City.Example.JP", NOW, POLICY)
    assert issued.account_id == account_id and issued.email == "staff@city.example.jp"
    assert issued.link == LINK_PATH + issued.token and issued.expires_at == NOW + timedelta(minutes=30)
    with engine.connect() as connection:
        [row] = connection.execute(select(console_password_resets)).all()
    assert row.token_hash == hashlib.sha256(issued.token.encode()).hexdigest()
    assert issued.token not in repr(tuple(row))  # only its hash is kept
    assert is_usable(engine, issued.token, NOW)


def test_an_unknown_address_gets_no_link_and_nothing_is_stored(engine, account_id):
    assert issue(engine, "nobody@city.example.jp", NOW, POLICY) is None
    with engine.connect() as connection:
        assert connection.execute(select(console_password_resets)).all() == []


def test_using_a_link_sets_the_password_unlocks_and_revokes_sessions_and_other_links(engine, account_id):
    lockout = LockoutPolicy(failures=2, minutes=15)
    for _ in range(2):
        record_failure(engine, account_id, NOW, lockout)
    session_token = open_session(engine, account_id, NOW)
    other = issue(engine, "staff@city.example.jp", NOW, POLICY)
    issued = issue(engine, "staff@city.example.jp", NOW, POLICY)

    assert reset_password(engine, issued.token, NEW, NEW, NOW + timedelta(minutes=5)) == account_id

    later = NOW + timedelta(minutes=6)
    assert check_password(engine, "staff@city.example.jp", NEW, later, lockout).id == account_id
    with pytest.raises(LoginRefused):
        check_password(engine, "staff@city.example.jp", OLD, later, lockout)
    assert find_session(engine, session_token, later, SessionPolicy()) is None
    for used in (issued, other):
        assert not is_usable(engine, used.token, later)
        with pytest.raises(ResetRefused):
            reset_password(engine, used.token, NEW + "x", NEW + "x", later)


def test_an_expired_or_unknown_link_is_refused_and_changes_nothing(engine, account_id):
    issued = issue(engine, "staff@city.example.jp", NOW, POLICY)
    expired = NOW + timedelta(minutes=30)
    assert not is_usable(engine, issued.token, expired)
    for token in (issued.token, "not-a-token-we-issued"):
        with pytest.raises(ResetRefused):
            reset_password(engine, token, NEW, NEW, expired)
    assert check_password(engine, "staff@city.example.jp", OLD, expired, LockoutPolicy()).id == account_id


@pytest.mark.parametrize("password, again, field", [
    ("short", "short", "password"),  # the account-creation rule: 12 characters at least
    (NEW, NEW + "!", "password_again"),
])
def test_a_password_that_breaks_the_rules_is_refused_and_the_link_still_works(
        engine, account_id, password, again, field):
    issued = issue(engine, "staff@city.example.jp", NOW, POLICY)
    with pytest.raises(ValidationFailed) as refused:
        reset_password(engine, issued.token, password, again, NOW)
    assert list(refused.value.fields) == [field]
    assert is_usable(engine, issued.token, NOW)
    assert check_password(engine, "staff@city.example.jp", OLD, NOW, LockoutPolicy()).id == account_id


def test_requests_are_limited_per_address_and_per_client():
    limits = ResetLimits(ResetPolicy(per_address_per_hour=2, per_client_per_hour=3))
    assert limits.allow("a@city.example.jp", "192.0.2.1")
    assert limits.allow("Ａ@city.example.jp", "192.0.2.2")  # the same address, typed full-width
    assert not limits.allow("a@city.example.jp", "192.0.2.3")
    assert limits.allow("b@city.example.jp", "192.0.2.1")
    assert limits.allow("c@city.example.jp", "192.0.2.1")
    assert not limits.allow("d@city.example.jp", "192.0.2.1")  # the client's fourth


def test_policy_from_the_environment(monkeypatch):
    monkeypatch.setenv("KYODO_CONSOLE_RESET_MINUTES", "15")
    monkeypatch.setenv("KYODO_CONSOLE_RESET_PER_ADDRESS_PER_HOUR", "3")
    policy = ResetPolicy.from_environment()
    assert (policy.valid_minutes, policy.per_address_per_hour, policy.per_client_per_hour,
            policy.answer_seconds) == (15, 3, 20, 1.0)


@pytest.mark.parametrize("typed, ok", [("staff@city.example.jp", True), ("ｓｔａｆｆ＠ｃｉｔｙ．ｊｐ", True),
                                        ("staff", False), ("@city.jp", False), ("a@b", False),
                                        ("", False)])
def test_what_looks_like_an_address(typed, ok):
    assert looks_like_email(typed) is ok


def test_a_reset_link_in_a_log_line_is_blanked():
    record = logging.LogRecord("nameko.web.server", logging.INFO, __file__, 1,
                               '%s - - "GET /console/password-reset/%s HTTP/1.1" 200', (
                                   "127.0.0.1", "AbC-12_xyz"), None)
    assert ResetTokensRedacted().filter(record)
    assert record.getMessage() == '127.0.0.1 - - "GET /console/password-reset/[redacted] HTTP/1.1" 200'


def test_the_answer_does_not_wait_for_the_e_mail(engine, account_id):
    """A known address answers without waiting for notifications (which may be slow or down):
    its answer must take no longer than an unknown one's, or it tells who has an account."""
    sending, release, sent = threading.Event(), threading.Event(), []

    def slow_notifications(issued, valid_minutes):
        sending.set()
        release.wait(10)
        sent.append(issued.email)

    answers = []
    request_link(_asking(engine, ResetDesk(POLICY, ResetLimits(POLICY), slow_notifications,
                                           sleep=lambda seconds: None), answers))

    assert answers == [(200, "reset_requested")]
    assert sending.wait(5) and sent == []  # answered while the e-mail was still on its way
    release.set()
    deadline = time.monotonic() + 5
    while not sent and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sent == ["staff@city.example.jp"]


def test_an_e_mail_notifications_refuses_is_logged_and_the_answer_is_the_same(engine, account_id, caplog):
    def refusing(issued, valid_minutes):
        raise ConnectionError("notifications unreachable")

    desk = ResetDesk(POLICY, ResetLimits(POLICY), refusing, sleep=lambda seconds: None,
                     in_background=lambda work: work())
    answers = []
    with caplog.at_level(logging.WARNING):
        request_link(_asking(engine, desk, answers))

    assert answers == [(200, "reset_requested")]
    assert "not accepted by notifications" in caplog.text


def _asking(engine, desk, answers):
    """The page context of a known address asking for a link; the answers rendered go to `answers`."""
    return SimpleNamespace(
        resets=desk, engine=engine, now=NOW, request=SimpleNamespace(
            form={"email": "staff@city.example.jp"}, remote_addr="192.0.2.1", cookies={}),
        text=lambda key: key, set_cookie=lambda name, value: None,
        render=lambda template, status=200, **values: answers.append((status, values["notice"])))
