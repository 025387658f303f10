"""An operator defines a survey in the console (the API's field errors beside the fields first;
"add a question" keeps what was typed), invites a business found by a search in another kana,
opens the survey; the business answers through the API; the operator sees the results as bar
charts with a table each, and the unanswered invitations; then closes the survey."""
import uuid

import pytest
from selenium.webdriver.support.select import Select

pytestmark = pytest.mark.broker


def _business(platform) -> str:
    created = platform.call("POST", "/organisations", body={
        "name": f"周東アンケート商店{uuid.uuid4().hex[:6]}", "name_kana": "しゅうとうあんけーとしょうてん",
        "kind": "business", "region": "shuto", "fields": ["environment"],
        "description": "アンケートに答える事業者です。"})
    assert created.status_code == 201, created.text
    return created.json()["id"]


def test_define_invite_open_then_see_the_results_chart_and_table(platform, console_url, account,
                                                                 browser):
    shop_id = _business(platform)
    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/surveys/new")
    assert len(browser.finds("fieldset.question-row")) == 3
    browser.fill("#f-q-0-text", "社会貢献活動に取り組んでいますか")
    browser.fill("#f-q-0-options", "はい")
    browser.submit("#define-survey")
    assert browser.find("#e-title").text.startswith("必須項目です")  # marshmallow's, in Japanese
    assert browser.find("[role=alert]").text
    title = f"事業者の社会貢献アンケート {uuid.uuid4().hex[:6]}"
    browser.fill("#f-title", title)
    browser.submit("#define-survey")
    # the survey's own rule (two distinct choices) on the row it is about, typed text kept
    assert "選択肢を2つ以上" in browser.find("#e-q-0-row").text
    assert browser.find("#f-q-0-text").get_attribute("value") == "社会貢献活動に取り組んでいますか"
    browser.check_screen("operator-survey-form-errors")

    browser.submit("#add-question")
    assert len(browser.finds("fieldset.question-row")) == 4
    assert browser.find("#f-title").get_attribute("value") == title
    browser.fill("#f-q-0-options", "はい\nいいえ")
    browser.find("input[name=q-0-required]").click()
    browser.fill("#f-q-1-text", "協働への関心度")
    Select(browser.find("#f-q-1-kind")).select_by_value("scale")
    browser.fill("#f-q-2-text", "ご意見")
    Select(browser.find("#f-q-2-kind")).select_by_value("text")
    browser.fill("#f-q-3-text", "従業員数")
    Select(browser.find("#f-q-3-kind")).select_by_value("number")
    browser.fill("#f-q-3-minimum", "１")  # full width, as typed in Japanese input mode
    browser.check_screen("operator-survey-form")
    browser.submit("#define-survey")
    assert browser.find("[role=status]").text == "アンケートを下書きとして保存しました。"
    assert browser.find("#survey-status").text == "下書き"
    survey_path = browser.path.split("?")[0]
    survey_id = survey_path.rsplit("/", 1)[1]
    assert len(browser.finds(".questions li")) == 4

    browser.submit("#invite")  # nobody chosen: the API's message beside the list
    assert browser.find("#e-partner_ids").text
    browser.fill("#f-q", "ｼｭｳﾄｳｱﾝｹｰﾄ")  # half-width katakana finds the hiragana reading
    browser.submit(".search button")
    browser.find(f"input[name=partner_ids][value='{shop_id}']").click()
    browser.submit("#invite")
    assert browser.find("[role=status]").text == "事業者を招待しました。"
    assert browser.find("#survey-invited").text == "1"
    assert browser.find("#survey-unanswered").text == "1"
    browser.check_screen("operator-survey-draft")
    browser.submit("#open-survey")
    assert browser.find("#survey-status").text == "実施中"

    partner_key = platform.key_for("partner", shop_id)
    answered = platform.call("PUT", f"/reports/surveys/{survey_id}/answer", partner_key, body={
        "answers": {"q1": "はい", "q2": 4, "q3": "地域の防災訓練に参加したい", "q4": 35}})
    assert answered.status_code == 200, answered.text

    browser.open(f"{console_url}/surveys/{survey_id}")
    assert browser.find("#survey-unanswered").text == "0"
    browser.check_screen("operator-survey-open")
    browser.follow_css("#results-link")
    assert browser.find("#results-invited").text == "1"
    assert browser.find("#results-responses").text == "1"
    assert browser.find("#results-unanswered").text == "0"
    assert browser.find("#results-rate").text == "100.0%"
    bars = {bar.get_attribute("data-value") for bar in browser.finds("#chart-q1 rect.bar")}
    assert bars == {"1", "0"}
    assert browser.find("#chart-q1 title").get_attribute("textContent").startswith(
        "社会貢献活動に取り組んでいますか")
    rows = [row.text for row in browser.finds("#result-q1 tbody tr")]
    assert rows == ["はい 1 100.0%", "いいえ 0 0.0%"]
    assert len(browser.finds("#chart-q2 rect.bar")) == 5  # the scale's five points
    assert browser.find("#result-q2 .mean").text == "4.0"
    assert browser.find("#result-q3 .free-text").text == "地域の防災訓練に参加したい"
    assert browser.find("#result-q4 .mean").text == "35.0"
    browser.check_screen("operator-survey-results")
    results_url = browser.driver.current_url
    browser.open(f"{results_url}?lang=en")
    assert browser.find("h1").text.startswith("Results") and browser.find("html").get_attribute(
        "lang") == "en"
    browser.check_screen("operator-survey-results-en")
    browser.open(f"{results_url}?lang=ja")
    browser.driver.set_window_size(768, 1024)  # a tablet: charts and tables fit, no sideways scroll
    for url, name in ((results_url, "tablet-survey-results"),
                      (f"{console_url}/surveys/new", "tablet-survey-form")):
        browser.open(url)
        assert browser.driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"), name
        browser.check_screen(name)
    browser.driver.set_window_size(1280, 1000)

    browser.open(f"{console_url}/surveys?status=open")
    assert title in browser.find("#surveys").text
    browser.check_screen("operator-surveys")
    browser.open(f"{console_url}/surveys?status=draft")
    assert title not in browser.text
    browser.open(f"{console_url}{survey_path.removeprefix('/console')}")
    browser.submit("#close-survey")
    assert browser.find("#survey-status").text == "締切済み"
    assert not browser.finds("#invite")  # a closed survey invites nobody more


def test_the_results_of_a_survey_nobody_may_see_are_refused(platform, console_url, account,
                                                            browser):
    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/surveys/{uuid.uuid4()}/results")
    assert "見つかりません" in browser.text
    browser.open(f"{console_url}/surveys/not-an-id")
    assert browser.find("h1").text  # an error page, not a crash
