"""Operators create console accounts through the API: the first password is shown once, a
replay names the account without it, and the password opens the console."""
import re
import uuid

import pytest
import requests

pytestmark = pytest.mark.broker


def log_in(console_url: str, email: str, password: str) -> requests.Response:
    client = requests.Session()
    form = client.get(f"{console_url}/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    return client.post(f"{console_url}/login", timeout=30, allow_redirects=False,
                       data={"email": email, "password": password, "csrf_token": token})


def test_an_operator_creates_a_partner_account_whose_password_is_shown_once(platform, console_url):
    business = platform.business()
    email = f"Ｃｓｒ-{uuid.uuid4().hex[:6]}@Shop.example.jp"  # full-width and capitals: normalised
    body = {"email": email, "role": "partner", "subject_id": business}
    idempotency_key = str(uuid.uuid4())
    created = platform.call("POST", "/console-accounts", body=body,
                            headers={"Idempotency-Key": idempotency_key})
    assert created.status_code == 201, created.text
    account = created.json()
    assert account["email"] == email.lower().replace("ｃｓｒ", "csr") and account["subject_id"] == business
    assert len(account["password"]) >= 20 and "totp_uri" not in account
    replay = platform.call("POST", "/console-accounts", body=body,
                           headers={"Idempotency-Key": idempotency_key})
    assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json()["id"] == account["id"] and "password" not in replay.json()
    assert "email" not in replay.json() and replay.json()["note"]

    assert log_in(console_url, account["email"], account["password"]).headers["Location"] == "/console/"
    assert log_in(console_url, account["email"], "wrong").status_code == 401
    again = platform.call("POST", "/console-accounts", body={**body, "email": email.upper()})
    assert again.status_code == 409


def test_only_operators_create_accounts_and_subjects_are_checked(platform):
    business = platform.business()
    partner_key = platform.key_for("partner", business)
    email = f"p-{uuid.uuid4().hex[:6]}@example.jp"
    assert platform.call("POST", "/console-accounts", partner_key, body={
        "email": email, "role": "partner", "subject_id": business}).status_code == 403
    unknown = platform.call("POST", "/console-accounts", body={
        "email": email, "role": "partner", "subject_id": str(uuid.uuid4())})
    assert unknown.status_code == 422 and "subject_id" in unknown.json()["errors"]
    not_operator = platform.call("POST", "/console-accounts", body={
        "email": email, "role": "partner", "subject_id": business, "with_totp": True})
    assert not_operator.status_code == 422 and "with_totp" in not_operator.json()["errors"]
    operator = platform.call("POST", "/console-accounts", body={
        "email": f"ops-{uuid.uuid4().hex[:6]}@example.jp", "role": "operator", "with_totp": True})
    assert operator.status_code == 201 and operator.json()["totp_uri"].startswith("otpauth://totp/Kyodo:")
