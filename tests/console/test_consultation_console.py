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


def test_assign_a_consultation_then_resolve_and_close_it(platform, console_url, account, browser):
    opened = platform.call("POST", "/consultations", body={
        "channel": "phone", "topics": ["volunteers"], "person": "匿名", "notes": "ボランティアの募集方法"})
    assert opened.status_code == 201, opened.text
    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/consultations/{opened.json()['id']}")

    browser.fill("#f-coordinator", "")
    browser.submit("#assign")
    assert browser.find("#e-coordinator").text.startswith("担当者を入力してください")
    browser.check_screen("operator-consultation-assign-error")
    browser.fill("#f-coordinator", "佐藤")
    browser.submit("#assign")
    assert browser.find("[role=status]").text == "担当者を割り当てました。"
    assert browser.find("#consultation-status").text == "対応中"
    assert browser.find("#consultation-coordinator").text == "佐藤"
    browser.check_screen("operator-consultation-assigned")

    browser.submit("#change-status")  # nothing chosen: the API's message beside the field
    assert browser.find("#e-status").text.startswith("必須項目です")
    Select(browser.find("#f-status")).select_by_value("closed")  # not from in progress
    browser.submit("#change-status")
    assert "cannot go from in_progress to closed" in browser.find("#e-status").text
    assert browser.find("#consultation-status").text == "対応中"
    browser.check_screen("operator-consultation-status-refused")
    Select(browser.find("#f-status")).select_by_value("resolved")
    browser.submit("#change-status")
    assert browser.find("#consultation-status").text == "解決"
    Select(browser.find("#f-status")).select_by_value("closed")
    browser.submit("#change-status")
    assert browser.find("[role=status]").text == "対応状況を変更しました。"
    assert browser.find("#consultation-status").text == "終了"
    assert browser.finds("#assign") == browser.finds("#change-status") == browser.finds("#refer") == []
    browser.check_screen("operator-consultation-closed")
    got = platform.call("GET", f"/consultations/{opened.json()['id']}").json()
    assert (got["status"], got["coordinator"]) == ("closed", "佐藤")
