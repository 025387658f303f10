"""A partner in the console: posts an offer (the API's field errors first) and sees it listed;
another partner's offer in the URL answers 404 like an unknown id (matching's 403 would confirm
that it exists); an operator-only page is refused."""
import pytest
from selenium.webdriver.support.select import Select

pytestmark = pytest.mark.broker


def test_partner_posts_an_offer_and_sees_it_listed(platform, console_url, account, browser):
    business = platform.business()
    browser.log_in(console_url, account("partner", subject_id=business))
    assert browser.path == "/console/offers"
    browser.check_screen("partner-offers-empty")

    browser.follow("提供を登録する")
    assert browser.path == "/console/offers/new"
    browser.check_screen("partner-offer-form")
    browser.fill("#f-title", "社員による河川清掃")
    browser.fill("#f-quantity", "十人")
    browser.submit("form.card button[type=submit]")
    # The API refuses: each message beside its field, what was typed kept.
    assert browser.find("#e-kind").text.startswith("必須項目です")
    assert browser.find("#e-quantity").text
    assert browser.find("#f-quantity").get_attribute("aria-invalid") == "true"
    assert browser.find("#f-title").get_attribute("value") == "社員による河川清掃"
    assert browser.find("[role=alert]").text
    browser.check_screen("partner-offer-form-errors")

    Select(browser.find("#f-kind")).select_by_value("staff_time")
    browser.fill("#f-quantity", "10")
    browser.fill("#f-unit", "人")
    browser.find("input[name=regions][value=kuga]").click()
    for field, day in (("#f-starts", "2027-04-01"), ("#f-ends", "2027-09-30")):
        browser.driver.execute_script("arguments[0].value = arguments[1]", browser.find(field), day)
    browser.submit("form.card button[type=submit]")
    assert browser.path == "/console/offers?done=created", browser.text
    assert browser.find("[role=status]").text == "提供を登録しました。"
    assert "社員による河川清掃" in browser.find("table").text
    browser.check_screen("partner-offers")

    offers = platform.call("GET", "/offers", params={"organisation_id": business}).json()["items"]
    assert [offer["title"] for offer in offers] == ["社員による河川清掃"]
    browser.follow("社員による河川清掃")
    assert browser.find("h1").text == "社員による河川清掃"
    browser.check_screen("partner-offer")


def test_another_partners_offer_and_operator_pages_are_refused(platform, console_url, account, browser):
    owner = platform.business()
    owner_key = platform.key_for("partner", owner)
    posted = platform.call("POST", "/offers", owner_key, body={
        "kind": "goods", "title": "防災用品の提供", "quantity": 50, "unit": "個",
        "starts": "2027-04-01", "ends": "2027-12-31", "online": True})
    assert posted.status_code == 201, posted.text

    browser.log_in(console_url, account("partner", subject_id=platform.business()))
    browser.open(f"{console_url}/offers/{posted.json()['id']}")
    assert "見つかりません" in browser.text and "防災用品の提供" not in browser.text
    assert "自社の提供のみ" not in browser.text
    browser.check_screen("partner-foreign-offer")
    browser.open(f"{console_url}/offers")
    assert "防災用品の提供" not in browser.text
    browser.open(f"{console_url}/queue")
    assert "この画面を開く権限がありません" in browser.text
    browser.check_screen("partner-forbidden")
