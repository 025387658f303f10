"""What the console refuses: a bad password, a locked account (even with the right password), an
expired or logged-out session, a form without or with a wrong CSRF token (nothing changes), and
the session cookie's attributes."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests
from sqlalchemy import update

from gateway.tables import console_sessions
from tests.console.conftest import LOCKOUT_FAILURES, PASSWORD

pytestmark = pytest.mark.broker


def test_a_bad_password_then_a_lock_out_that_the_right_password_does_not_open(console_url, account,
                                                                            browser):
    email = account("operator")
    browser.log_in(console_url, email, "not the password")
    assert browser.path == "/console/login"
    assert "メールアドレスまたはパスワードが正しくありません" in browser.find("[role=alert]").text
    assert browser.find("#f-email").get_attribute("value") == email
    browser.check_screen("login-bad-password")
    for _ in range(LOCKOUT_FAILURES - 1):
        browser.log_in(console_url, email, "still not the password")
    assert "ロックされています" in browser.find("[role=alert]").text
    browser.log_in(console_url, email, PASSWORD)
    assert "ロックされています" in browser.find("[role=alert]").text
    browser.check_screen("login-locked")
    browser.open(f"{console_url}/queue")
    assert browser.path.startswith("/console/login")


def test_an_expired_session_and_a_logged_out_one_lead_back_to_the_login(console_url, account,
                                                                        gateway_engine, browser):
    browser.log_in(console_url, account("operator"))
    assert browser.path == "/console/queue"
    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)  # idle past 30 minutes
    with gateway_engine.begin() as connection:
        connection.execute(update(console_sessions).values(last_seen_at=an_hour_ago))
    browser.open(f"{console_url}/queue")
    assert browser.path == "/console/login?expired=1"
    assert "セッションの有効期限が切れました" in browser.find("[role=alert]").text
    browser.check_screen("login-expired")

    browser.log_in(console_url, account("operator"))
    browser.submit(".site-header form button")
    assert browser.path == "/console/login?done=logged_out"
    assert browser.find("[role=status]").text == "ログアウトしました。"
    browser.check_screen("login-logged-out")
    browser.open(f"{console_url}/queue")
    assert browser.path.startswith("/console/login")


def test_forms_without_or_with_a_wrong_csrf_token_change_nothing(platform, console_url, account,
                                                                 browser):
    citizen_key = platform.key_for("citizen", str(uuid.uuid4()))
    applied = platform.call("POST", "/organisations", citizen_key, body={
        "name": f"岩国つばめ会{uuid.uuid4().hex[:6]}", "name_kana": "いわくにつばめかい",
        "kind": "citizen_group", "region": "kuga", "fields": ["welfare"]}).json()
    browser.log_in(console_url, account("operator"))
    page = f"{console_url}/organisations/{applied['id']}"
    for tamper in ("arguments[0].value = 'f'.repeat(64)", "arguments[0].remove()"):
        browser.open(page)
        token = browser.find("form:has(#verify) input[name=csrf_token]")
        browser.driver.execute_script(tamper, token)
        browser.submit("#verify")
        assert "不正な送信です" in browser.find("[role=alert]").text
        browser.check_screen("csrf-refused")
    assert platform.call("GET", f"/organisations/{applied['id']}").json()["status"] == "pending"


def test_the_session_cookie_is_http_only_and_same_site_lax(console_url, account):
    client = requests.Session()
    form = client.get(f"{console_url}/login", timeout=30)
    assert form.headers["Content-Security-Policy"].startswith("default-src 'self'")
    login_token = client.cookies["kyodo_console_login_csrf"]
    refused = client.post(f"{console_url}/login", timeout=30, allow_redirects=False, data={
        "email": account("partner"), "password": PASSWORD})  # no CSRF token: the login form's own
    assert refused.status_code == 403
    answer = client.post(f"{console_url}/login", timeout=30, allow_redirects=False, data={
        "email": account("operator"), "password": PASSWORD, "csrf_token": login_token})
    assert answer.status_code == 303
    cookie = next(value for value in answer.raw.headers.getlist("Set-Cookie")
                  if value.startswith("kyodo_console_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/console/" in cookie
    assert "Secure" not in cookie  # served over plain HTTP here; over HTTPS it is Secure
