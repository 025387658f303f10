"""An operator in the console: the work queue, then finding a pending organisation by a
Japanese search in another kana and verifying it; a rejection without a reason shows the API's
field error beside the field; paging through a search; a TOTP second factor."""
import uuid

import pyotp
import pytest

from gateway.console.accounts import new_totp_secret
from gateway.console.operator_screens import PAGE_SIZE

pytestmark = pytest.mark.broker


def apply(platform, name_kana: str) -> dict:
    """A citizen applies: the organisation waits for an operator."""
    citizen_key = platform.key_for("citizen", str(uuid.uuid4()))
    suffix = uuid.uuid4().hex[:6]
    applied = platform.call("POST", "/organisations", citizen_key, body={
        "name": f"玖珂ほたる見守り隊{suffix}", "name_kana": name_kana, "kind": "citizen_group",
        "region": "kuga", "fields": ["childcare"], "description": "通学路の見守りをしています。"})
    assert applied.status_code == 201, applied.text
    assert applied.json()["status"] == "pending"
    return applied.json()


def test_operator_sees_the_queue_finds_and_verifies_a_pending_organisation(platform, console_url,
                                                                         account, browser):
    organisation = apply(platform, "くがほたるみまもりたい")
    browser.log_in(console_url, account("operator"))
    assert browser.path == "/console/queue"
    assert browser.find("html").get_attribute("lang") == "ja"
    pending = int(browser.find("#count-pending_verifications .count").get_attribute("data-count").rstrip("+"))
    assert pending >= 1
    for key in ("open_consultations", "hours_to_approve", "dead_letters"):
        assert browser.find(f"#count-{key} .count").get_attribute("data-count") is not None
    browser.check_screen("operator-queue")

    browser.follow("一覧を開く")
    # Half-width katakana finds the hiragana reading (the API normalises both).
    browser.fill("#f-q", "ｸｶﾞﾎﾀﾙ")
    browser.submit(".search button")
    assert organisation["name"] in browser.text
    browser.check_screen("operator-organisations-search")

    browser.follow(organisation["name"])
    assert browser.find("#organisation-status").text == "審査待ち"
    browser.check_screen("operator-organisation-pending")

    browser.submit("#reject")  # no reason: the API's field error stands beside the field
    assert browser.find("#e-reason").text.startswith("必須項目です")
    assert browser.find("#f-reason").get_attribute("aria-describedby") == "e-reason"
    assert browser.find("#organisation-status").text == "審査待ち"
    browser.check_screen("operator-organisation-reject-error")

    browser.submit("#verify")
    assert browser.find("#organisation-status").text == "審査済み"
    assert browser.find(".notice.success").text == "団体を承認しました。"
    browser.check_screen("operator-organisation-verified")
    assert platform.call("GET", f"/organisations/{organisation['id']}").json()["status"] == "verified"

    browser.open(f"{console_url}/queue?lang=en")  # the English switch sticks for the session
    assert browser.find("html").get_attribute("lang") == "en"
    browser.open(f"{console_url}/organisations")
    assert browser.find("h1").text == "Organisations"
    browser.check_screen("operator-organisations-en")


def test_operator_with_a_second_factor_passes_only_with_the_code(platform, console_url, account,
                                                                 browser):
    secret = new_totp_secret()
    browser.log_in(console_url, account("operator", totp_secret=secret))
    assert browser.path == "/console/login/code"
    browser.check_screen("login-code")
    browser.open(f"{console_url}/queue")  # nothing opens before the code
    assert browser.path == "/console/login/code"
    browser.fill("#f-code", "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    browser.submit("button[type=submit]")
    assert "確認コードが正しくありません" in browser.text
    browser.check_screen("login-code-error")
    browser.fill("#f-code", pyotp.TOTP(secret).now())
    browser.submit("button[type=submit]")
    assert browser.path == "/console/queue"


def test_organisations_page_by_page(platform, console_url, account, browser):
    marker = uuid.uuid4().hex[:6]
    for index in range(PAGE_SIZE + 1):
        created = platform.call("POST", "/organisations", body={
            "name": f"由宇ひまわり会{marker}-{index:02d}", "name_kana": "ゆうひまわりかい",
            "kind": "citizen_group", "region": "yu", "fields": ["welfare"]})
        assert created.status_code == 201, created.text
    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/organisations?q=ユウヒマワリ")
    first = {row.text.split("\n")[0] for row in browser.finds("tbody tr")}
    assert len(first) == PAGE_SIZE
    browser.follow("次のページ")
    second = {row.text.split("\n")[0] for row in browser.finds("tbody tr")}
    assert len(second) == 1 and not first & second
    assert browser.driver.find_elements("link text", "次のページ") == []
    browser.check_screen("operator-organisations-second-page")
    browser.follow("最初のページ")
    assert {row.text.split("\n")[0] for row in browser.finds("tbody tr")} == first
