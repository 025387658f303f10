"""Gathering follow-ups end to end over real processes: a calendar app subscribes to a signed feed
URL with no key and rotating it revokes the old one; a room registry cancels ends the sign-ups
with a message; the organiser resizes, renames and cancels; a target is shown as 対象外."""
import uuid

import pytest
import requests
from icalendar import Calendar

from tests.e2e.test_gatherings_and_funding import (at, citizen, create, join, online_gathering,  # noqa: F401
                                                   platform, world)
from tests.support.platform import eventually

pytestmark = pytest.mark.broker


def titles(platform, key):
    return [m["title"] for m in platform.call("GET", "/inbox", key).json()["items"]]


def test_a_calendar_app_subscribes_without_a_key_and_rotation_revokes_the_old_url(platform, world):
    gathering = online_gathering(platform, world, capacity=5)
    me = citizen(platform)
    join(platform, gathering, me)
    feed = platform.call("GET", "/me/calendar-feed", me).json()
    base = platform.url.removesuffix("/api/v1")
    subscribed = requests.get(base + feed["path"], timeout=30)  # no key, as a calendar app fetches it
    assert subscribed.status_code == 200 and subscribed.headers["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(subscribed.content).walk("VEVENT")
    assert str(event["summary"]).startswith("はじめての市民活動講座")
    rotated = platform.call("POST", "/me/calendar-feed/rotate", me).json()
    assert rotated["version"] == feed["version"] + 1 and rotated["path"] != feed["path"]
    revoked = requests.get(base + feed["path"], timeout=30)
    assert revoked.status_code == 404 and revoked.headers["Content-Type"].startswith("application/problem+json")
    assert requests.get(base + rotated["path"], timeout=30).status_code == 200
    malformed = requests.get(f"{platform.url}/calendar-feeds/no-dot-here.ics", timeout=30)
    assert malformed.status_code == 422 and "token" in malformed.json()["errors"]
    assert platform.call("GET", "/me/calendar-feed").status_code == 403  # an operator has no sign-ups


def test_a_room_cancelled_at_registry_ends_the_sign_ups_and_tells_the_participant(platform, world):
    booking = platform.call("POST", "/bookings", world["group"], body={
        "room_id": world["room"], "starts_at": at(13), "ends_at": at(15), "attendees": 10,
        "purpose": "地域の交流会"}).json()["id"]
    assert platform.call("POST", f"/bookings/{booking}/confirm").status_code == 200
    meeting = eventually(lambda: (r := create(platform, world["group"], kind="exchange_meeting", starts_at=at(13),
                                              ends_at=at(15), capacity=5, booking_ids=[booking]))
                         .status_code == 201 and r).json()
    eventually(lambda: platform.call("GET", f"/gatherings/{meeting['id']}").json()["status"] == "scheduled")
    me = citizen(platform)
    mine = join(platform, meeting, me).json()
    assert mine["status"] == "confirmed"
    assert platform.call("POST", f"/bookings/{booking}/cancel", world["group"],
                         body={"reason": "施設の設備点検"}).status_code == 200
    refused = eventually(lambda: (g := platform.call("GET", f"/gatherings/{meeting['id']}").json())
                         ["status"] == "refused" and g)
    assert refused["seats_taken"] == 0
    told = eventually(lambda: (t := titles(platform, me)) and any(x.startswith("催しが開催されなくなり") for x in t))
    assert told
    assert platform.call("GET", "/me/gatherings.ics", me).status_code == 200
    assert not Calendar.from_ical(platform.call("GET", "/me/gatherings.ics", me).content).walk("VEVENT")


def test_the_organiser_resizes_renames_and_cancels_and_participants_are_told(platform, world):
    gathering = online_gathering(platform, world, capacity=2, title="防災講座")
    first, second = citizen(platform), citizen(platform)
    join(platform, gathering, first)
    join(platform, gathering, second)
    path = f"/gatherings/{gathering['id']}"
    shrink = platform.call("PATCH", path, world["group"], body={"capacity": 1})
    assert shrink.status_code == 409, shrink.text
    assert platform.call("GET", path).json()["capacity"] == 2
    assert platform.call("PATCH", path, world["other"], body={"title": "乗っ取り"}).status_code == 403
    assert platform.call("PATCH", path, world["group"], body={"capacity": "many"}).status_code == 422
    renamed = platform.call("PATCH", path, world["group"], body={"title": "防災講座（持ち物あり）", "capacity": 4})
    assert renamed.status_code == 200 and (renamed.json()["title"], renamed.json()["capacity"]) == (
        "防災講座（持ち物あり）", 4)
    eventually(lambda: any(t.startswith("お申し込みの催しの内容が変わりました") for t in titles(platform, first)))
    blank = platform.call("POST", f"{path}/cancel", world["group"], body={"reason": " "})
    assert blank.status_code == 422 and platform.call("GET", path).json()["status"] == "scheduled"
    cancelled = platform.call("POST", f"{path}/cancel", world["group"], body={"reason": "台風接近のため"})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    for person in (first, second):
        eventually(lambda: any(t.startswith("催しが開催されなくなり") for t in titles(platform, person)))
    eventually(lambda: any(t.startswith("催しを中止しました") for t in titles(platform, world["group"])))
    assert join(platform, gathering, citizen(platform)).status_code == 409


def test_a_citizen_outside_the_target_sees_why_and_may_still_sign_up(platform, world):
    gathering = online_gathering(platform, world, capacity=5, target_age_bands=["10代", "20代"],
                                 target_regions=["kuga"])
    talent_id = str(uuid.uuid4())
    elder = platform.key_for("citizen", talent_id)
    assert platform.call("POST", "/talents", elder, body={
        "age_band": "70代以上", "skills": {}, "interests": ["welfare"], "regions": ["yu"], "home_region": "yu",
        "max_hours_per_month": 4, "first_timer": True}).status_code == 201
    seen = platform.call("GET", f"/gatherings/{gathering['id']}", elder).json()
    assert [note.split(" / ")[0] for note in seen["outside_target"]] == ["対象外（年代）", "対象外（地域）"]
    assert join(platform, gathering, elder).json()["status"] == "confirmed"
    assert platform.call("GET", f"/gatherings/{gathering['id']}").json()["outside_target"] == []
