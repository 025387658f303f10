"""A partner in the console: edits (a bad value first), closes and fulfils its offers, reads its
CSR ledger, requests the annual report and downloads the real files; answers a survey; lists
itself in the public directory and withdraws. Another partner's ids answer 404. An operator
finds the partner and reads its ledger and reports. Everything seeded through the public API."""
import csv
import io
import time
from urllib.parse import unquote

import pytest
import requests
from pypdf import PdfReader
from selenium.webdriver.support.select import Select

pytestmark = pytest.mark.broker

SURVEY = {"title": "地域貢献活動アンケート", "description": "年に一度のアンケートです。", "questions": [
    {"id": "q1", "text": "社員のボランティア休暇制度はありますか", "kind": "single", "required": True,
     "options": ["はい", "いいえ"]},
    {"id": "q2", "text": "関心のある分野", "kind": "multiple", "options": ["環境", "福祉", "教育"]},
    {"id": "q3", "text": "協働の満足度", "kind": "scale"},
    {"id": "q4", "text": "昨年度の参加人数", "kind": "number", "required": True, "minimum": 0}]}


def _offer(platform, key, title, **fields):
    posted = platform.call("POST", "/offers", key, body={
        "kind": "goods", "title": title, "quantity": 50, "unit": "個", "starts": "2027-04-01",
        "ends": "2027-12-31", "online": True, **fields})
    assert posted.status_code == 201, posted.text
    return posted.json()["id"]


def _session(browser) -> requests.Session:
    """The browser's session cookie, to fetch a download as the browser would."""
    session = requests.Session()
    for cookie in browser.driver.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"], path=cookie.get("path", "/"))
    return session


def _until(check, seconds: float = 60.0, every: float = 1.0):
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(every)


def test_partner_edits_closes_and_fulfils_offers(platform, console_url, account, browser):
    business = platform.business()
    key = platform.key_for("partner", business)
    first = _offer(platform, key, "防災用品の提供")
    browser.log_in(console_url, account("partner", subject_id=business))

    browser.open(f"{console_url}/offers/{first}")
    browser.follow("提供を編集する")
    assert browser.path == f"/console/offers/{first}/edit"
    assert browser.find("#f-quantity").get_attribute("value") == "50"
    browser.check_screen("partner-offer-edit")
    browser.fill("#f-quantity", "たくさん")
    browser.fill("#f-title", "防災用品（非常食）の提供")
    browser.submit("form.card button[type=submit]")
    # The API's message beside the field; what was typed kept; nothing changed.
    assert browser.find("#e-quantity").text.startswith("数値を入力してください")
    assert browser.find("#f-quantity").get_attribute("aria-invalid") == "true"
    assert browser.find("#f-title").get_attribute("value") == "防災用品（非常食）の提供"
    assert browser.find("[role=alert]").text
    browser.check_screen("partner-offer-edit-errors")
    assert platform.call("GET", f"/offers/{first}", key).json()["title"] == "防災用品の提供"

    browser.fill("#f-quantity", "80")
    browser.submit("form.card button[type=submit]")
    assert browser.path == f"/console/offers/{first}?done=updated", browser.text
    assert browser.find("[role=status]").text == "提供を更新しました。"
    assert browser.find("h1").text == "防災用品（非常食）の提供"
    changed = platform.call("GET", f"/offers/{first}", key).json()
    assert (changed["title"], changed["quantity"]) == ("防災用品（非常食）の提供", 80)
    browser.check_screen("partner-offer-updated")

    browser.submit(".offer-actions form button[type=submit]")  # close it
    assert browser.path == f"/console/offers/{first}?done=closed"
    assert platform.call("GET", f"/offers/{first}", key).json()["status"] == "closed"
    assert "終了" in browser.find(".facts").text
    assert browser.find("[role=status]").text == "提供を終了しました。再開もできます。"

    browser.submit(".offer-actions form button[type=submit]")  # closed by mistake: reopen it
    assert browser.path == f"/console/offers/{first}?done=reopened"
    assert browser.find("[role=status]").text == "提供を再開しました。"
    assert platform.call("GET", f"/offers/{first}", key).json()["status"] == "open"
    browser.submit(".offer-actions form button[type=submit]")  # and close it for good
    assert platform.call("GET", f"/offers/{first}", key).json()["status"] == "closed"

    second = _offer(platform, key, "子ども食堂への食材", kind="goods", quantity=120, unit="食")
    browser.open(f"{console_url}/offers/{second}/fulfilment")
    browser.check_screen("partner-offer-fulfilment")
    browser.fill("#f-quantity", "120")
    browser.fill("#f-value_yen", "-5")
    browser.fill("#f-people_reached", "120")
    browser.submit("form.card button[type=submit]")
    assert browser.find("#e-value_basis").text.startswith("必須項目です")
    assert browser.find("#e-value_yen").text
    browser.check_screen("partner-offer-fulfilment-errors")
    browser.fill("#f-value_yen", "36000")
    Select(browser.find("#f-value_basis")).select_by_value("market_price")
    browser.submit("form.card button[type=submit]")
    assert browser.path == f"/console/offers/{second}?done=fulfilled", browser.text
    assert "実績記録済み" in browser.find(".facts").text
    assert not browser.finds(".offer-actions")  # a fulfilled offer is no longer edited

    # The gift reaches the ledger (reports hears matching's event).
    def ledger_shows_gift():
        browser.open(f"{console_url}/ledger")
        return "36,000" in browser.text and "提供の実績" in browser.text
    assert _until(ledger_shows_gift), browser.text
    assert "120" in browser.find("dl.ledger-figures").text  # people reached
    browser.check_screen("partner-ledger")


def test_partner_requests_and_downloads_the_annual_report(platform, console_url, account, browser):
    business = platform.business()
    browser.log_in(console_url, account("partner", subject_id=business))
    browser.open(f"{console_url}/ledger")
    assert browser.find("h1").text == "CSR 活動台帳"
    # A year reports does not keep: the message beside the report form's year, nothing queued.
    browser.fill("#f-report-year", "1990")
    browser.submit("form.card button[type=submit]")
    assert browser.find("#e-report-year").text.startswith("年度は2019〜2035です")
    assert all(job["partner_id"] != business for job in platform.call("GET", "/reports/jobs").json()["items"])
    browser.check_screen("partner-report-request-errors")

    browser.fill("#f-report-year", "2026")
    browser.find("input[name=formats][value=csv]").click()  # pdf is checked already
    browser.fill("#f-title_name", "玖珂テック株式会社")
    browser.submit("form.card button[type=submit]")
    assert browser.path.startswith("/console/reports/"), browser.text
    job_url = browser.driver.current_url
    browser.check_screen("partner-report-job")

    def ready():
        browser.open(job_url)
        return browser.finds(".downloads a")
    assert _until(ready, 90), browser.text
    browser.check_screen("partner-report-ready")
    links = {link.text: link.get_attribute("href") for link in browser.finds(".downloads a")}
    assert set(links) == {"ダウンロード PDF", "ダウンロード CSV"}
    session = _session(browser)
    pdf = session.get(links["ダウンロード PDF"], timeout=30)
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    disposition = pdf.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == "CSR活動報告書_2026年度.pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "玖珂テック株式会社 CSR活動報告書" in text
    spreadsheet = session.get(links["ダウンロード CSV"], timeout=30)
    assert spreadsheet.status_code == 200 and spreadsheet.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(spreadsheet.content.decode("utf-8-sig"))))
    assert rows[0] == ["玖珂テック株式会社 CSR活動報告書"]
    # A format not asked for, and a stranger without a session, get no file.
    assert session.get(job_url + "/files/xlsx", timeout=30).status_code == 404
    assert requests.get(links["ダウンロード PDF"], timeout=30, allow_redirects=False).status_code == 303

    browser.open(f"{console_url}/ledger")
    job_path = job_url.split("/console", 1)[1]
    assert browser.find(f"a[href='/console{job_path}']")
    assert "完成" in browser.text  # the job's row says it is ready


def test_another_partners_ids_answer_not_found(platform, console_url, account, browser):
    owner = platform.business()
    owner_key = platform.key_for("partner", owner)
    offer_id = _offer(platform, owner_key, "他社の提供")
    job = platform.call("POST", "/reports/jobs", owner_key, body={
        "report_kind": "partner_annual_csr", "partner_id": owner, "fiscal_year": 2026,
        "formats": ["csv"]})
    assert job.status_code == 202, job.text

    browser.log_in(console_url, account("partner", subject_id=platform.business()))
    for path in (f"/offers/{offer_id}", f"/offers/{offer_id}/edit", f"/offers/{offer_id}/fulfilment",
                 f"/reports/{job.json()['job_id']}", f"/reports/{job.json()['job_id']}/files/csv"):
        browser.open(console_url + path)
        assert "見つかりません" in browser.text, path
        assert "他社の提供" not in browser.text and "権限" not in browser.text, path
    browser.check_screen("partner-foreign-ids")
    # Nor can a form change it: the close button's POST answers 404 and the offer stays open.
    session = _session(browser)
    for path in (f"/offers/{offer_id}", f"/offers/{offer_id}/edit", f"/reports/{job.json()['job_id']}"):
        assert session.get(console_url + path, timeout=30).status_code == 404, path
    page = session.get(f"{console_url}/offers/new", timeout=30).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    closed = session.post(f"{console_url}/offers/{offer_id}/close",
                          data={"csrf_token": token, "form_key": "k1"}, timeout=30)
    assert closed.status_code == 404
    assert platform.call("GET", f"/offers/{offer_id}", owner_key).json()["status"] == "open"


def test_partner_answers_a_survey(platform, console_url, account, browser):
    business = platform.business()
    survey = platform.call("POST", "/reports/surveys", body=SURVEY)
    assert survey.status_code == 201, survey.text
    survey_id = survey.json()["survey_id"]
    assert platform.call("POST", f"/reports/surveys/{survey_id}/invitations",
                         body={"partner_ids": [business]}).status_code == 200
    assert platform.call("POST", f"/reports/surveys/{survey_id}/open").status_code == 200

    browser.log_in(console_url, account("partner", subject_id=business))
    browser.open(f"{console_url}/my-surveys")
    browser.check_screen("partner-surveys")
    browser.follow("地域貢献活動アンケート")
    assert browser.path == f"/console/my-surveys/{survey_id}"
    browser.check_screen("partner-survey")
    browser.find("input[name=q-q2][value=環境]").click()
    browser.fill("#f-q4", "たくさん")
    browser.submit("form.survey button[type=submit]")
    assert browser.find("#e-q1").text.startswith("必須の質問です")
    assert browser.find("#e-q4").text.startswith("数値で答えてください")
    assert browser.find("#f-q4").get_attribute("value") == "たくさん"
    assert browser.find("input[name=q-q2][value=環境]").is_selected()
    browser.check_screen("partner-survey-errors")
    assert platform.call("GET", f"/reports/surveys/{survey_id}/answer",
                         platform.key_for("partner", business)).status_code == 404

    browser.find("input[name=q-q1][value=はい]").click()
    browser.find("input[name=q-q3][value='4']").click()
    browser.fill("#f-q4", "１２")  # full-width digits, as people type them
    browser.submit("form.survey button[type=submit]")
    assert browser.path == f"/console/my-surveys/{survey_id}?done=answered", browser.text
    saved = browser.find("dl.answers").text
    assert "はい" in saved and "環境" in saved and "12" in saved
    browser.check_screen("partner-survey-answered")
    answer = platform.call("GET", f"/reports/surveys/{survey_id}/answer",
                           platform.key_for("partner", business)).json()
    assert answer["answers"] == {"q1": "はい", "q2": ["環境"], "q3": 4, "q4": 12}


def test_partner_consents_to_the_directory_and_withdraws(platform, console_url, account, browser):
    business = platform.business()
    browser.log_in(console_url, account("partner", subject_id=business))
    browser.open(f"{console_url}/directory")
    assert "掲載していません" in browser.text
    browser.check_screen("partner-directory")
    browser.fill("#f-display_name", "")
    browser.submit("form.card button[type=submit]")
    assert browser.find("#e-display_name").text
    browser.check_screen("partner-directory-errors")

    browser.fill("#f-display_name", "玖珂テック")
    browser.fill("#f-message", "清掃活動に社員を派遣します。")
    browser.submit("form.card button[type=submit]")
    assert browser.find("[role=status]").text == "協働パートナー一覧に掲載しました。"
    public = requests.get(platform.url + "/reports/partner-directory", timeout=10).json()["items"]
    assert [entry["display_name"] for entry in public if entry["partner_id"] == business] == ["玖珂テック"]
    browser.check_screen("partner-directory-listed")

    browser.submit("form[action='/console/directory/withdraw'] button[type=submit]")
    assert "掲載していません" in browser.text
    public = requests.get(platform.url + "/reports/partner-directory", timeout=10).json()["items"]
    assert all(entry["partner_id"] != business for entry in public)


def test_operator_finds_a_partner_and_reads_its_ledger(platform, console_url, account, browser):
    business = platform.call("POST", "/organisations", body={
        "name": "瀬戸内ロジスティクス株式会社", "name_kana": "せとうちろじすてぃくす", "kind": "business",
        "region": "kuga", "fields": ["environment"], "description": "物流の会社です。"}).json()["id"]
    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/partners?q=セトウチ")  # katakana finds the hiragana reading
    assert "瀬戸内ロジスティクス株式会社" in browser.find("table").text
    browser.check_screen("operator-partners")
    # The English switch keeps the search.
    browser.follow("English")
    assert browser.path == "/console/partners?q=%E3%82%BB%E3%83%88%E3%82%A6%E3%83%81&lang=en"
    assert browser.find("#f-q").get_attribute("value") == "セトウチ"
    assert "瀬戸内ロジスティクス株式会社" in browser.find("table").text
    assert browser.find("h1").text == "Partners (businesses)"
    browser.follow("日本語")
    assert browser.find("#f-q").get_attribute("value") == "セトウチ"

    browser.open(f"{console_url}/partners/not-an-id")
    assert "見つかりません" in browser.text
    browser.open(f"{console_url}/partners?q=セトウチ")
    browser.follow_css(f"a[href='/console/partners/{business}']")
    assert browser.find("h1").text == "瀬戸内ロジスティクス株式会社"
    assert "年度ごとの合計" in browser.text
    browser.check_screen("operator-partner-ledger")
    browser.submit("form.card button[type=submit]")  # the annual report, as the operator
    assert browser.path.startswith("/console/reports/"), browser.text
    browser.follow("台帳に戻る")
    assert browser.path == f"/console/partners/{business}"
    assert browser.finds("table a[href^='/console/reports/']")


def test_partner_screens_at_tablet_width(platform, console_url, account, browser):
    business = platform.business()
    offer_id = _offer(platform, platform.key_for("partner", business), "会議室の提供", kind="venue",
                      quantity=30, unit="人")
    browser.driver.set_window_size(768, 1024)
    browser.log_in(console_url, account("partner", subject_id=business))
    for page in ("ledger", "my-surveys", "directory", f"offers/{offer_id}", f"offers/{offer_id}/edit",
                 f"offers/{offer_id}/fulfilment"):
        browser.open(f"{console_url}/{page}")
        browser.check_fits(page)
    browser.open(f"{console_url}/ledger")
    browser.check_screen("tablet-partner-ledger")
