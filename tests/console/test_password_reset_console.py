"""Forgot your password: a neutral answer for any address, the link by e-mail through
notifications to a real SMTP server, a new password set once with it; the old password, the
old sessions and the used link all fail afterwards."""
import os
import re
import time
import uuid
from datetime import datetime, timezone

import pytest
import requests
from sqlalchemy import select

from gateway.console.password_resets import ResetPolicy
from gateway.console.sessions import open_session
from gateway.tables import console_accounts
from tests.support.smtp import text_part

pytestmark = pytest.mark.broker

NEW_PASSWORD = "a-new-console-password-42"
LINK = re.compile(r"(\S+)(/console/password-reset/[A-Za-z0-9_-]+)")


def _ask_for_a_link(browser, console_url, typed: str) -> float:
    browser.open(f"{console_url}/password-reset")
    browser.fill("#f-email", typed)
    started = time.monotonic()
    browser.submit("form.card button[type=submit]")
    return time.monotonic() - started


def test_reset_by_e_mail_then_log_in_with_the_new_password(platform, console_url, account, browser,
                                                           smtp_sink, gateway_engine):
    email = account("operator")
    with gateway_engine.connect() as connection:
        account_id = connection.execute(select(console_accounts.c.id).where(
            console_accounts.c.email == email)).scalar_one()
    old_session = open_session(gateway_engine, account_id, datetime.now(timezone.utc))

    browser.open(f"{console_url}/login")
    browser.follow("パスワードをお忘れの方")
    assert browser.path == "/console/password-reset"
    browser.check_screen("password-reset-request")
    browser.fill("#f-email", "staff")
    browser.submit("form.card button[type=submit]")
    assert browser.find("#e-email").text.startswith("メールアドレスの形式で")
    assert browser.find("#f-email").get_attribute("aria-invalid") == "true"
    browser.check_screen("password-reset-request-error")

    unknown = f"nobody-{uuid.uuid4().hex[:8]}@example.jp"
    took_unknown = _ask_for_a_link(browser, console_url, unknown)
    neutral = browser.find("#reset-notice").text
    # The address typed full-width and in capitals is the same account's.
    took_known = _ask_for_a_link(browser, console_url, email.upper().replace("@", "＠"))
    assert browser.find("#reset-notice").text == neutral and "アカウントがあれば" in neutral
    assert min(took_known, took_unknown) >= ResetPolicy().answer_seconds
    print(f"reset request answered in {took_known:.2f} s (account) / {took_unknown:.2f} s (none)")
    browser.check_screen("password-reset-requested")

    [message] = smtp_sink.wait_for(email)
    assert "パスワードの再設定" in message["Subject"] and "Reset" in message["Subject"]
    body = text_part(message)
    assert "30 分以内" in body and "within 30 minutes" in body
    base, path = LINK.search(body).groups()
    assert base == os.environ.get("KYODO_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    assert smtp_sink.to(unknown) == []
    token = path.rsplit("/", 1)[1]

    browser.open(console_url.removesuffix("/console") + path)  # the platform's own address
    browser.check_screen("password-reset-new-password")
    browser.fill("#f-password", NEW_PASSWORD)
    browser.fill("#f-password_again", NEW_PASSWORD + "?")
    browser.submit("form.card button[type=submit]")
    assert browser.find("#e-password_again").text
    browser.fill("#f-password", "short")
    browser.fill("#f-password_again", "short")
    browser.submit("form.card button[type=submit]")
    assert "12 文字以上" in browser.find("#e-password").text
    browser.check_screen("password-reset-new-password-errors")
    browser.fill("#f-password", NEW_PASSWORD)
    browser.fill("#f-password_again", NEW_PASSWORD)
    browser.submit("form.card button[type=submit]")
    assert browser.path == "/console/login?done=password_reset"
    assert "パスワードを変更しました" in browser.find("[role=status]").text
    browser.check_screen("login-after-password-reset")

    revoked = requests.get(f"{console_url}/queue", cookies={"kyodo_console_session": old_session},
                           allow_redirects=False, timeout=30)
    assert revoked.status_code == 303 and "/console/login" in revoked.headers["Location"]
    browser.log_in(console_url, email)  # the old password
    assert "正しくありません" in browser.find("[role=alert]").text
    browser.log_in(console_url, email, NEW_PASSWORD)
    assert browser.path == "/console/queue"

    browser.open(console_url.removesuffix("/console") + path)  # the link, a second time
    assert "このリンクは使えません" in browser.find("#reset-refused").text
    browser.check_screen("password-reset-link-used")
    for component in ("gateway", "notifications"):
        assert token not in platform.logs(component), component


def test_a_reset_form_needs_its_csrf_token_and_an_address_is_limited(console_url, account,
                                                                    smtp_sink):
    email = account("partner")
    client = requests.Session()
    client.get(f"{console_url}/password-reset", timeout=30)
    refused = client.post(f"{console_url}/password-reset", data={"email": email}, timeout=30)
    assert refused.status_code == 403
    token = client.cookies["kyodo_console_login_csrf"]
    answers = [client.post(f"{console_url}/password-reset", timeout=30,
                           data={"email": email, "csrf_token": token}).status_code
               for _ in range(ResetPolicy().per_address_per_hour + 1)]
    assert answers == [200] * ResetPolicy().per_address_per_hour + [429]
    assert len(smtp_sink.wait_for(email, count=ResetPolicy().per_address_per_hour)) == 5
    unknown_link = client.get(f"{console_url}/password-reset/{'x' * 43}", timeout=30)
    assert unknown_link.status_code == 410
