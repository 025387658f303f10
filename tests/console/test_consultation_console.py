"""An operator records a consultation (the API's field errors first), finds it among the open
ones from the work queue, and refers it to an organisation."""
import uuid

import pytest
from selenium.webdriver.support.select import Select

pytestmark = pytest.mark.broker


def test_record_then_refer_a_consultation(platform, console_url, account, browser):
    referred_to = platform.call("POST", "/organisations", body={
        "name": f"周東ささえあい会{uuid.uuid4().hex[:6]}", "name_kana": "しゅうとうささえあいかい",
        "kind": "npo", "region": "shuto", "fields": ["welfare"]})
    assert referred_to.status_code == 201, referred_to.text
    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/consultations/new")
    browser.fill("#f-person", "匿名")
    browser.submit("form.card button[type=submit]")
    assert browser.find("#e-channel").text.startswith("必須項目です")
    assert browser.find("#e-topics").text
    assert browser.find("#f-person").get_attribute("value") == "匿名"
    browser.check_screen("operator-consultation-form-errors")

    Select(browser.find("#f-channel")).select_by_value("counter")
    browser.find("input[name=topics][value=funding]").click()
    browser.fill("#f-notes", "助成金の申請書の書き方について")
    browser.fill("#f-coordinator", "山田")
    browser.submit("form.card button[type=submit]")
    assert browser.path == "/console/consultations?done=recorded"
    browser.check_screen("operator-consultations")

    browser.open(f"{console_url}/queue")
    assert int(browser.find("#count-open_consultations .count").get_attribute("data-count")) == 1
    browser.follow_css("#count-open_consultations a")
    assert browser.path == "/console/consultations?status=open"
    rows = browser.finds("tbody tr")
    assert len(rows) == 1 and "資金" in rows[0].text and "山田" in rows[0].text
    browser.follow_css("tbody tr a")
    assert browser.find("#consultation-status").text == "未対応"
    browser.check_screen("operator-consultation")

    browser.fill("#f-organisation_id", str(uuid.uuid4()))  # nobody: the API's answer beside it
    browser.submit("#refer")
    assert browser.find("#e-organisation_id").text
    browser.check_screen("operator-consultation-refer-error")
    browser.fill("#f-organisation_id", referred_to.json()["id"])
    browser.fill("#f-note", "会計の専門家がいます")
    browser.submit("#refer")
    assert browser.find("[role=status]").text == "紹介を記録しました。"
    assert browser.find("#consultation-status").text == "紹介済み"
    assert referred_to.json()["id"] in browser.find("#referrals").text
    browser.check_screen("operator-consultation-referred")
