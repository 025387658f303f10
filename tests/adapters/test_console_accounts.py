"""Console accounts and sessions on SQLite and PostgreSQL, built from the migrations."""
from datetime import datetime, timedelta, timezone

import pyotp
import pytest
from sqlalchemy import text

from gateway.console.accounts import (LockoutPolicy, LoginRefused, check_password, check_totp,
                                      create_account, new_totp_secret)
from gateway.console.sessions import (SessionPolicy, csrf_matches, find_session, open_session,
                                      revoke_session)
from services.common.database import make_engine
from services.common.errors import Conflict, ValidationFailed
from services.common.migrations import upgrade

PASSWORD = "correct horse battery"
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
POLICY = LockoutPolicy(failures=3, minutes=15)


@pytest.fixture
def engine(database_url):
    upgrade("gateway", database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def test_password_login_with_a_normalised_e_mail_and_only_a_hash_stored(engine):
    account_id = create_account(engine, "Ｓｔａｆｆ@City.example.jp", PASSWORD, "operator", NOW)
    account = check_password(engine, "staff@city.example.jp", PASSWORD, NOW, POLICY)
    assert account.id == account_id and account.role == "operator"
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT email, password_hash FROM console_accounts")).one()
    assert stored.email == "staff@city.example.jp"
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    with pytest.raises(Conflict):
        create_account(engine, "STAFF@city.example.jp", PASSWORD, "operator", NOW)
    with pytest.raises(ValidationFailed) as short:
        create_account(engine, "other@city.example.jp", "short", "operator", NOW)
    assert "password" in short.value.fields


def test_failures_lock_the_account_until_the_lockout_ends(engine):
    create_account(engine, "partner@shop.example.jp", PASSWORD, "partner", NOW, subject_id="b" * 36)
    reasons = []
    for attempt in range(POLICY.failures):
        with pytest.raises(LoginRefused) as refused:
            check_password(engine, "partner@shop.example.jp", "wrong password!", NOW, POLICY)
        reasons.append(refused.value.reason)
    assert reasons == ["credentials", "credentials", "locked"]
    with pytest.raises(LoginRefused) as locked:  # the right password does not open a locked account
        check_password(engine, "partner@shop.example.jp", PASSWORD, NOW + timedelta(minutes=14), POLICY)
    assert locked.value.reason == "locked"
    later = NOW + timedelta(minutes=15, seconds=1)
    assert check_password(engine, "partner@shop.example.jp", PASSWORD, later, POLICY).subject_id == "b" * 36
    with pytest.raises(LoginRefused) as unknown:
        check_password(engine, "nobody@shop.example.jp", PASSWORD, NOW, POLICY)
    assert unknown.value.reason == "credentials"


def test_totp_codes_of_now_pass_once_and_wrong_ones_count_as_failures(engine):
    secret = new_totp_secret()
    create_account(engine, "ops@city.example.jp", PASSWORD, "operator", NOW, totp_secret=secret)
    account = check_password(engine, "ops@city.example.jp", PASSWORD, NOW, POLICY)
    assert account.needs_second_factor
    check_totp(engine, account, pyotp.TOTP(secret).at(NOW), NOW, POLICY)
    with pytest.raises(LoginRefused):  # the same code a second time: replayed
        check_totp(engine, account, pyotp.TOTP(secret).at(NOW), NOW + timedelta(seconds=5), POLICY)
    check_totp(engine, account, pyotp.TOTP(secret).at(NOW + timedelta(seconds=30)),
               NOW + timedelta(seconds=30), POLICY)
    stale = pyotp.TOTP(secret).at(NOW - timedelta(minutes=5))
    reasons = []
    for _ in range(POLICY.failures):
        with pytest.raises(LoginRefused) as refused:
            check_totp(engine, account, stale, NOW, POLICY)
        reasons.append(refused.value.reason)
    assert reasons[-1] == "locked"
    with pytest.raises(LoginRefused):
        check_totp(engine, account, pyotp.TOTP(secret).at(NOW), NOW, POLICY)


def test_sessions_expire_when_idle_or_old_and_on_revocation(engine):
    account_id = create_account(engine, "p@shop.example.jp", PASSWORD, "partner", NOW)
    policy = SessionPolicy(idle_minutes=30, absolute_hours=2)
    token = open_session(engine, account_id, NOW)
    session = find_session(engine, token, NOW + timedelta(minutes=29), policy)
    assert session.account.id == account_id and not session.awaiting_second_factor
    assert csrf_matches(session, session.csrf_token) and not csrf_matches(session, "0" * 64)
    assert not csrf_matches(session, None)
    # Each use restarts the idle clock, up to the absolute lifetime.
    assert find_session(engine, token, NOW + timedelta(minutes=58), policy) is not None
    assert find_session(engine, token, NOW + timedelta(minutes=89), policy) is None
    other = open_session(engine, account_id, NOW)
    assert find_session(engine, other, NOW + timedelta(hours=2, minutes=1), policy) is None
    third = open_session(engine, account_id, NOW)
    revoke_session(engine, find_session(engine, third, NOW, policy).id, NOW)
    assert find_session(engine, third, NOW, policy) is None
    assert find_session(engine, "not a token", NOW, policy) is None
    with engine.connect() as connection:
        hashes = connection.execute(text("SELECT token_hash FROM console_sessions")).scalars().all()
    assert token not in hashes and len(hashes) == 3
