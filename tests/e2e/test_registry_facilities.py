"""Facilities and bookings through the gateway: the manager confirms, an overlap is a 409,
free slots, and reports' facility-use read model fed by the booking events."""
import uuid
from datetime import date, timedelta

import pytest

from tests.support.platform import eventually

pytestmark = [pytest.mark.broker, pytest.mark.own_platform]

DAY = (date.today() + timedelta(days=30)).isoformat()


def org(platform, name):
    response = platform.call("POST", "/organisations", body={
        "name": name, "name_kana": "テストダンタイ", "kind": "citizen_group", "region": "miwa",
        "fields": ["community_development"]})
    assert response.status_code == 201, response.text
    return response.json()["id"]


@pytest.fixture(scope="module")
def site(platform):
    manager, booker, other = (org(platform, n) for n in ("美和まちづくり協議会", "美和太鼓の会",
                                                           "美和写真クラブ"))
    created = platform.call("POST", "/facilities", body={
        "name": "美和ふれあいセンター", "name_kana": "みわふれあいせんたー", "region": "miwa",
        "town": "美和町渋前", "address": "岩国市美和町渋前1番地",
        "rooms": [{"name": "研修室", "capacity": 30, "equipment": ["プロジェクター"]}],
        "accessibility": ["車いす対応トイレあり"],
        "opening_hours": {"open": "09:00", "close": "21:00", "closed": "年末年始"},
        "designation": {"organisation_id": manager, "from": "2024-04-01", "to": "2029-03-31"}})
    assert created.status_code == 201, created.text
    facility = created.json()
    return {"facility": facility, "room": facility["rooms"][0]["id"],
            "manager_key": platform.key_for("organisation", manager),
            "booker_key": platform.key_for("organisation", booker),
            "other_key": platform.key_for("organisation", other)}


def request(platform, site, key, start, end):
    return platform.call("POST", "/bookings", key, body={
        "room_id": site["room"], "starts_at": f"{DAY}T{start}:00+09:00",
        "ends_at": f"{DAY}T{end}:00+09:00", "attendees": 12, "purpose": "練習"})


def test_book_confirm_overlap_and_free_slots(platform, site):
    first = request(platform, site, site["booker_key"], "10:00", "12:00")
    assert first.status_code == 201, first.text
    clash = request(platform, site, site["other_key"], "11:00", "13:00").json()
    booking_id = first.json()["id"]
    assert platform.call("POST", f"/bookings/{booking_id}/confirm",
                         site["booker_key"]).status_code == 403  # not the manager
    confirmed = platform.call("POST", f"/bookings/{booking_id}/confirm", site["manager_key"])
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    refused = platform.call("POST", f"/bookings/{clash['id']}/confirm", site["manager_key"])
    assert refused.status_code == 409, refused.text
    declined = platform.call("POST", f"/bookings/{clash['id']}/decline", site["manager_key"],
                             body={"reason": "時間が重なっています"})
    assert declined.json()["status"] == "declined"
    slots = platform.call("GET", f"/rooms/{site['room']}/free-slots",
                          params={"date": DAY}).json()["free"]
    assert [(s["starts_at"][11:16], s["ends_at"][11:16]) for s in slots] == [
        ("09:00", "10:00"), ("12:00", "21:00")]
    assert platform.call("GET", f"/bookings/{booking_id}", site["other_key"]).status_code == 404


def test_bad_booking_input_is_a_422_naming_the_field(platform, site):
    late = request(platform, site, site["booker_key"], "20:00", "22:00")
    assert late.status_code == 422 and "starts_at" in late.json()["errors"]
    naive = platform.call("POST", "/bookings", site["booker_key"], body={
        "room_id": site["room"], "starts_at": f"{DAY}T10:00:00", "ends_at": f"{DAY}T11:00:00",
        "attendees": 1})
    assert naive.status_code == 422
    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    assert request(platform, site, citizen, "10:00", "11:00").status_code == 403


def test_facility_search_and_the_use_report(platform, site):
    found = platform.call("GET", "/facilities", params={"q": "ﾌﾚｱｲ"}).json()["items"]
    assert [f["id"] for f in found] == [site["facility"]["id"]]

    def use():
        rows = platform.call("GET", "/reports/facility-use", params={"region": "miwa"}).json()
        row = next((r for r in rows["facilities"] if r["facility_id"] == site["facility"]["id"]),
                   None)
        return row if row and row["confirmed"] == 1 and row["declined"] == 1 else None
    row = eventually(use)
    assert row["confirmed_hours"] == 2.0 and row["rooms"] == 1
    assert platform.call("GET", "/reports/facility-use", site["booker_key"]).status_code == 403
