"""An operator finds a facility (a Japanese search in another kana width), opens a room's week
calendar, books a free hour from it (field errors first) and sees the booking in the week; then
confirms a request, is refused with the API's answer for one that clashes with it, and declines
that one with a reason."""
import uuid
from datetime import datetime, timedelta

import pytest

from gateway.console.week_grid import CITY_TIME, monday_of

pytestmark = pytest.mark.broker


@pytest.fixture
def site(platform):
    organisation = platform.call("POST", "/organisations", body={
        "name": f"錦町太鼓の会{uuid.uuid4().hex[:6]}", "name_kana": "にしきまちたいこのかい",
        "kind": "citizen_group", "region": "nishiki", "fields": ["culture_arts"]})
    assert organisation.status_code == 201, organisation.text
    suffix = uuid.uuid4().hex[:6]
    facility = platform.call("POST", "/facilities", body={
        "name": f"錦ふれあいセンター{suffix}", "name_kana": "にしきふれあいせんたー", "region": "nishiki",
        "town": "錦町広瀬", "address": "岩国市錦町広瀬1番地",
        "rooms": [{"name": "研修室", "capacity": 30, "equipment": ["プロジェクター"]}],
        "opening_hours": {"open": "09:00", "close": "21:00", "closed": "年末年始"}})
    assert facility.status_code == 201, facility.text
    return {"organisation": organisation.json(), "facility": facility.json(),
            "room": facility.json()["rooms"][0]["id"],
            "key": platform.key_for("organisation", organisation.json()["id"])}


def test_operator_books_a_room_from_its_week_and_decides_requests(platform, console_url, account, browser,
                                                                  site):
    facility = site["facility"]
    next_week = monday_of(datetime.now(CITY_TIME).date()) + timedelta(days=7)
    wednesday = next_week + timedelta(days=2)
    browser.log_in(console_url, account("operator"))
    browser.follow("拠点施設")
    browser.fill("#f-q", "ﾆｼｷﾌﾚｱｲ")  # half-width katakana finds the hiragana reading
    browser.submit(".search button")
    assert facility["name"] in browser.text
    browser.check_screen("operator-facilities")
    browser.follow(facility["name"])
    assert "研修室" in browser.find("#rooms").text
    browser.check_screen("operator-facility")

    browser.follow("研修室")
    assert browser.finds("table.week thead th")[1].text.replace("\n", "").endswith("（月）")
    browser.check_screen("operator-room-week")
    browser.follow("次の週")
    assert f"week={next_week.isoformat()}" in browser.path
    headers = [th.text.replace("\n", "") for th in browser.finds("table.week thead th")]
    assert headers[3] == f"{wednesday.month}/{wednesday.day}（水）"

    # a free hour of the calendar opens the form for it
    browser.follow_css(f"td[data-day='{wednesday.isoformat()}'][data-hour='10'] a.free-slot")
    assert browser.find("#f-date").get_attribute("value") == wednesday.isoformat()
    assert browser.find("#f-start").get_attribute("value") == "10:00"
    browser.fill("#f-purpose", "太鼓の練習")
    browser.submit("#book-room")  # no attendees, no organisation: the API's messages beside them
    assert browser.find("#e-attendees").text.startswith("必須項目です")
    assert browser.find("#f-attendees").get_attribute("aria-describedby") == "e-attendees"
    assert browser.find("#f-purpose").get_attribute("value") == "太鼓の練習"
    browser.check_screen("operator-room-book-errors")
    browser.fill("#f-attendees", "12")
    browser.submit("#book-room")
    assert browser.find("#e-organisation_id").text
    browser.fill("#f-organisation_id", site["organisation"]["id"])
    browser.submit("#book-room")
    assert browser.find("[role=status]").text == "予約を申請しました。"
    cell = browser.find(f"td[data-day='{wednesday.isoformat()}'][data-hour='10']")
    assert "10:00〜11:00 申請中" in cell.text and "太鼓の練習" in cell.text
    browser.check_screen("operator-room-booked")


def request(platform, site, day, start: str, end: str, purpose: str) -> dict:
    """The group asks for a time by the API; it waits for a decision."""
    asked = platform.call("POST", "/bookings", site["key"], body={
        "room_id": site["room"], "starts_at": f"{day}T{start}:00+09:00",
        "ends_at": f"{day}T{end}:00+09:00", "attendees": 5, "purpose": purpose})
    assert asked.status_code == 201, asked.text
    return asked.json()


def test_operator_confirms_a_request_refuses_its_clash_and_declines_it(platform, console_url, account,
                                                                        browser, site):
    facility = site["facility"]
    wednesday = monday_of(datetime.now(CITY_TIME).date()) + timedelta(days=9)
    request(platform, site, wednesday, "10:00", "11:00", "太鼓の練習")
    clash = request(platform, site, wednesday, "10:30", "11:30", "打ち合わせ")
    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/facilities/{facility['id']}")
    assert len(browser.finds(".booking-list li")) == 2  # both wait on the facility's page
    browser.check_screen("operator-facility-waiting")
    browser.open(f"{console_url}/facilities/{facility['id']}/rooms/{site['room']}?week={wednesday}")
    assert len(browser.finds("#week-bookings li")) == 2
    browser.submit("#week-bookings li:first-child button.confirm-booking")
    assert browser.find("[role=status]").text == "予約を確定しました。"
    cell = browser.find(f"td[data-day='{wednesday.isoformat()}'][data-hour='10']")
    assert "確定" in cell.text and not cell.find_elements("css selector", "a.free-slot")
    browser.check_screen("operator-room-confirmed")

    browser.submit("#week-bookings li:nth-child(2) button.confirm-booking")  # the clash: refused
    assert browser.find("#booking-problem").text
    assert platform.call("GET", f"/bookings/{clash['id']}").json()["status"] == "requested"
    browser.check_screen("operator-room-clash")
    browser.fill(f"#reason-{clash['id']}", "同じ時間に確定済みの予約があります")
    browser.submit("#week-bookings li:nth-child(2) button.decline-booking")
    assert browser.find("[role=status]").text == "予約を辞退しました。"
    assert platform.call("GET", f"/bookings/{clash['id']}").json()["status"] == "declined"
    assert len(browser.finds("#week-bookings li")) == 1  # declined bookings leave the week

    browser.open(f"{console_url}/facilities/{facility['id']}/rooms/{site['room']}?week={wednesday}")
    browser.check_tablet("tablet-operator-room-week")

    browser.open(f"{console_url}/facilities/{facility['id']}/rooms/{site['room']}?week=2027-13-01")
    assert "YYYY-MM-DD" in browser.find("[role=alert]").text

