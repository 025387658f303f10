"""An operator publishes an announcement in the console (the API's field errors first) and sees
its read count go up once a reader marks it read through the API; the list shows it with its
read share. A neighbourhood association's circular: the operator sees households read and not
yet, and downloads the printable circular and the visit list through the console."""
import uuid

import pytest
import requests
from selenium.webdriver.support.select import Select
from sqlalchemy import func, select

from services.common.database import database_url, make_engine
from services.notifications.adapters.tables import member_households
from tests.support.platform import eventually

pytestmark = pytest.mark.broker


def _ok(response, status=(200, 201)):
    assert response.status_code in status, response.text
    return response.json()


def test_publish_an_announcement_then_see_its_read_count_go_up(platform, console_url, account,
                                                               browser):
    reader = platform.key_for("citizen", str(uuid.uuid4()))
    _ok(platform.call("PUT", "/subscriptions/me", reader, body={"regions": ["miwa"]}))
    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/announcements/new")
    browser.submit("#publish")
    assert browser.find("#e-title").text.startswith("必須項目です")
    assert browser.find("#e-body").text.startswith("必須項目です")
    assert browser.find("[role=alert]").text
    browser.check_screen("operator-announcement-form-errors")

    title = f"美和地区 断水のお知らせ {uuid.uuid4().hex[:6]}"
    browser.fill("#f-title", title)
    browser.fill("#f-body", "12月8日（火）午後2時から4時まで断水します。")
    browser.find("input[name=regions][value=miwa]").click()
    browser.check_screen("operator-announcement-form")
    browser.submit("#publish")
    assert browser.find("[role=status]").text == "お知らせを配信しました。"
    recipients = int(browser.find("#recipients").text)
    assert recipients >= 1
    assert browser.find("#read-count").text == "0"
    assert browser.find("#unread-count").text == str(recipients)

    message = eventually(lambda: [m for m in _ok(platform.call("GET", "/inbox", reader))["items"]
                                  if title in m["title"]])[0]
    _ok(platform.call("POST", f"/inbox/{message['id']}/read", reader))
    browser.open(browser.driver.current_url.split("?")[0])
    assert browser.find("#read-count").text == "1"
    assert browser.find("#unread-count").text == str(recipients - 1)
    assert browser.find("#read-share").text == f"{round(100 / recipients, 1)}%"
    assert [bar.get_attribute("data-value") for bar in browser.finds("#reads-chart rect.bar")] == [
        "1", str(recipients - 1)]
    browser.check_screen("operator-announcement")

    browser.open(f"{console_url}/announcements")
    row = [r for r in browser.finds("#announcements tbody tr") if title in r.text][0]
    assert row.find_elements("css selector", "td")[3].text == "1"
    browser.check_screen("operator-announcements")


def _households_known(organisation_id: str) -> int:
    engine = make_engine(database_url("notifications"))
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(member_households).where(
                member_households.c.organisation_id == organisation_id)).scalar_one()
    finally:
        engine.dispose()


def test_a_circulars_read_count_and_its_files_through_the_console(platform, console_url, account,
                                                                   browser):
    name = f"由宇二区自治会{uuid.uuid4().hex[:6]}"
    association_id = _ok(platform.call("POST", "/organisations", body={
        "name": name, "name_kana": "ゆうにくじちかい", "kind": "neighbourhood_association",
        "region": "yu", "fields": ["community_development"]}))["id"]
    association = platform.key_for("organisation", association_id)
    person_id = str(uuid.uuid4())
    for member in ({"role": "member", "name": "山田 太郎", "person_id": person_id},
                   {"role": "member", "name": "佐藤 花子"}):
        _ok(platform.call("POST", f"/organisations/{association_id}/roster", association,
                          body=member))
    eventually(lambda: _households_known(association_id) == 2)  # registry's events have flowed
    sent = _ok(platform.call("POST", "/circulars", association, body={
        "title": "年末の清掃活動のお知らせ", "body": "12月27日（日）9時から公民館前を清掃します。",
        "month": "2026-12"}))
    citizen = platform.key_for("citizen", person_id)
    [message] = eventually(lambda: _ok(platform.call("GET", "/inbox", citizen))["items"])
    confirmed = requests.post(platform.url.removesuffix("/api/v1") + message["link"], timeout=30)
    assert confirmed.status_code == 200, confirmed.text

    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/circulars")
    Select(browser.find("#f-organisation_id")).select_by_value(association_id)
    browser.submit(".search button")
    [row] = browser.finds("#circulars tbody tr")
    assert "2026年12月号 年末の清掃活動のお知らせ" in row.text and name in row.text
    assert [cell.text for cell in row.find_elements("css selector", "td")][3:] == [
        "2", "1", "50.0%", "1"]
    browser.check_screen("operator-circulars")
    browser.follow("2026年12月号")
    assert (browser.find("#households").text, browser.find("#read-count").text,
            browser.find("#unread-count").text) == ("2", "1", "1")
    assert [bar.get_attribute("data-value") for bar in browser.finds("#reads-chart rect.bar")] == [
        "1", "1"]
    assert browser.find("h1").text == "回覧板の既読状況: 年末の清掃活動のお知らせ"
    assert sorted(row.find_elements("css selector", "td")[0].text
                  for row in browser.finds("#households-table tbody tr")) == [
        "佐藤 花子（紙）", "山田 太郎"], browser.text
    browser.check_screen("operator-circular")
    circular_url = browser.driver.current_url
    browser.driver.set_window_size(768, 1024)  # a tablet: no sideways scroll
    for url, name in ((circular_url, "tablet-circular"),
                      (f"{console_url}/circulars", "tablet-circulars")):
        browser.open(url)
        assert browser.driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"), name
        browser.check_screen(name)
    browser.driver.set_window_size(1280, 1000)
    browser.open(circular_url)

    # The files come through the console's own routes, with the session's cookie.
    cookies = {c["name"]: c["value"] for c in browser.driver.get_cookies()}
    files = {}
    for link in ("circular-pdf", "visit-list-csv", "visit-list-pdf"):
        href = browser.find(f"#{link}").get_attribute("href")
        assert href.startswith(f"{console_url}/circulars/{sent['id']}/")
        files[link] = requests.get(href, cookies=cookies, timeout=60)
        assert files[link].status_code == 200, files[link].text
        assert files[link].headers["Content-Disposition"].startswith("attachment")
    assert files["circular-pdf"].headers["Content-Type"] == "application/pdf"
    assert files["circular-pdf"].content.startswith(b"%PDF")
    assert files["visit-list-pdf"].content.startswith(b"%PDF")
    assert files["visit-list-csv"].headers["Content-Type"].startswith("text/csv")
    text = files["visit-list-csv"].content.decode("utf-8-sig")
    assert "佐藤 花子" in text and "山田" not in text  # only the household that has not read it
    unknown = requests.get(f"{console_url}/circulars/{sent['id']}/other.txt", cookies=cookies,
                           timeout=30)
    assert unknown.status_code == 404
    anonymous = requests.get(f"{console_url}/circulars/{sent['id']}/visit-list.csv", timeout=30,
                             allow_redirects=False)
    assert anonymous.status_code == 303 and "/console/login" in anonymous.headers["Location"]
