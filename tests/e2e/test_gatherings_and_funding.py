"""Workshops, courses and talks end to end over real processes: a room booked through registry
holds the gathering (a clash is registry's 409), sign-up with a waitlist and a promotion to
confirm, the online link for participants only, iCalendar files, messages in the inbox, and
attendance counted in reports."""
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests
from icalendar import Calendar

from tests.support.platform import eventually, running_platform

pytestmark = pytest.mark.broker

JST = timezone(timedelta(hours=9))
DAY = (datetime.now(JST) + timedelta(days=20)).date()
LINK = "https://meet.example.jp/kyodo-kouza"


def at(hour: int) -> str:
    return datetime(DAY.year, DAY.month, DAY.day, hour, tzinfo=JST).isoformat()


@pytest.fixture(scope="module")
def platform(tmp_path_factory, module_vhost_uri):
    """The platform with matching's timers every two seconds (offers, reminders, funding notices)."""
    with running_platform(tmp_path_factory.mktemp("platform"), module_vhost_uri,
                          {"KYODO_MATCHING_TIMER_SECONDS": "2"}) as running:
        yield running


@pytest.fixture(scope="module")
def world(platform):
    organisation = platform.call("POST", "/organisations", body={
        "name": "岩国市市民活動支援センター", "name_kana": "いわくにししみんかつどうしえんせんたー",
        "kind": "npo", "region": "iwakuni", "fields": ["community_development"]}).json()
    other = platform.call("POST", "/organisations", body={
        "name": "由宇ふれあい会", "name_kana": "ゆうふれあいかい", "kind": "citizen_group", "region": "yu",
        "fields": ["welfare"]}).json()
    facility = platform.call("POST", "/facilities", body={
        "name": "岩国市民活動センター", "name_kana": "いわくにしみんかつどうせんたー", "region": "iwakuni",
        "town": "麻里布町", "address": "岩国市麻里布町1丁目", "rooms": [{"name": "会議室A", "capacity": 40}],
        "opening_hours": {"open": "09:00", "close": "21:00"}})
    assert facility.status_code == 201, facility.text
    return {"group": platform.key_for("organisation", organisation["id"]), "organiser": organisation["id"],
            "other": platform.key_for("organisation", other["id"]),
            "room": facility.json()["rooms"][0]["id"]}


def citizen(platform):
    talent_id = str(uuid.uuid4())
    return platform.key_for("citizen", talent_id)


def create(platform, key, **body):
    return platform.call("POST", "/gatherings", key, body={
        "title": "はじめての市民活動講座", "description": "団体の立ち上げ方を学びます。", "kind": "course",
        "starts_at": at(10), "ends_at": at(12), "capacity": 1, **body})


def join(platform, gathering, key, seats=1):
    return platform.call("POST", f"/gatherings/{gathering['id']}/sign-ups", key, body={"seats": seats})


def online_gathering(platform, world, **body):
    created = eventually(lambda: (r := create(platform, world["group"], online_url=LINK, **body))
                         .status_code == 201 and r)
    return created.json()


def test_a_room_confirmed_by_registry_holds_the_gathering_and_a_clashing_one_is_refused(platform, world):
    def book(key, start, end):
        made = platform.call("POST", "/bookings", key, body={
            "room_id": world["room"], "starts_at": at(start), "ends_at": at(end), "attendees": 20,
            "purpose": "登録団体交流会"})
        assert made.status_code == 201, made.text
        return made.json()["id"]

    ours, theirs = book(world["group"], 13, 16), book(world["other"], 14, 15)
    meeting = eventually(lambda: (r := create(platform, world["group"], kind="exchange_meeting",
                                              title="登録団体交流会", starts_at=at(13), ends_at=at(15),
                                              capacity=30, booking_ids=[ours])).status_code == 201 and r).json()
    clashing = eventually(lambda: (r := create(platform, world["other"], starts_at=at(14), ends_at=at(15),
                                               booking_ids=[theirs])).status_code == 201 and r).json()
    assert (meeting["status"], clashing["status"]) == ("waiting_for_room", "waiting_for_room")
    assert join(platform, meeting, citizen(platform)).status_code == 409
    assert platform.call("POST", f"/bookings/{ours}/confirm").status_code == 200
    assert platform.call("POST", f"/bookings/{theirs}/confirm").status_code == 409  # registry's clash rule
    assert platform.call("POST", f"/bookings/{theirs}/decline", body={"reason": "重複"}).status_code == 200
    scheduled = eventually(lambda: (g := platform.call("GET", f"/gatherings/{meeting['id']}").json())
                           ["status"] == "scheduled" and g)
    refused = eventually(lambda: (g := platform.call("GET", f"/gatherings/{clashing['id']}").json())
                         ["status"] == "refused" and g)
    assert scheduled["booking_ids"] == [ours] and "declined" in refused["refusal_reason"]
    assert create(platform, world["other"], booking_ids=[ours], starts_at=at(13), ends_at=at(15),
                  organiser_id=world["organiser"]).status_code == 403
    settled = eventually(lambda: (t := [m["title"] for m in platform.call("GET", "/inbox", world["other"]).json()
                                        ["items"]]) and t)
    assert any(t.startswith("会場を確保できませんでした") for t in settled)


def test_bad_gatherings_get_field_messages_and_change_nothing(platform, world):
    before = platform.call("GET", "/gatherings", params={"organiser_id": world["organiser"]}).json()["items"]
    both = create(platform, world["group"], online_url=LINK, booking_ids=[str(uuid.uuid4())])
    assert both.status_code == 422 and "booking_ids" in both.json()["errors"]
    empty = create(platform, world["group"], online_url="http://meet.example.jp/x", capacity=0)
    assert empty.status_code == 422 and {"online_url", "capacity"} <= set(empty.json()["errors"])
    backwards = create(platform, world["group"], online_url=LINK, ends_at=at(9))
    assert backwards.status_code == 422 and "ends_at" in backwards.json()["errors"]
    assert create(platform, citizen(platform), online_url=LINK).status_code == 403
    after = platform.call("GET", "/gatherings", params={"organiser_id": world["organiser"]}).json()["items"]
    assert len(after) == len(before)


def test_full_means_waitlist_a_cancellation_offers_the_place_and_the_link_is_for_participants(platform, world):
    gathering = online_gathering(platform, world)
    first, second = citizen(platform), citizen(platform)
    held = join(platform, gathering, first).json()
    waiting = join(platform, gathering, second).json()
    assert (held["status"], waiting["status"]) == ("confirmed", "waitlisted")
    assert platform.call("GET", f"/gatherings/{gathering['id']}", first).json()["online_url"] == LINK
    assert platform.call("GET", f"/gatherings/{gathering['id']}", second).json()["online_url"] is None
    assert platform.call("POST", f"/sign-ups/{held['id']}/cancel", second).status_code == 404
    assert platform.call("POST", f"/sign-ups/{held['id']}/cancel", first).json()["status"] == "cancelled"
    offered = platform.call("GET", f"/gatherings/{gathering['id']}/sign-ups", world["group"]).json()["items"][1]
    assert offered["status"] == "offered" and offered["confirm_by"]
    assert platform.call("GET", f"/gatherings/{gathering['id']}/sign-ups", second).status_code == 403
    confirmed = platform.call("POST", f"/sign-ups/{waiting['id']}/confirm", second)
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    titles = eventually(lambda: (t := [m["title"] for m in platform.call("GET", "/inbox", second).json()["items"]])
                        and len(t) >= 3 and t)
    assert any(t.startswith("空きが出ました") for t in titles) and any(t.startswith("参加が確定") for t in titles)


def test_icalendar_for_one_gathering_and_a_personal_feed(platform, world):
    course = online_gathering(platform, world, capacity=5, weekly_until=(DAY + timedelta(weeks=2)).isoformat())
    me = citizen(platform)
    join(platform, course, me)
    public = requests.get(f"{platform.url}/gatherings/{course['id']}/calendar.ics", timeout=30)  # no key
    assert public.status_code == 200 and public.headers["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(public.content).walk("VEVENT")
    assert len(events) == 3 and str(events[0]["summary"]).startswith("はじめての市民活動講座")
    assert "url" not in events[0], "the link is released to participants only"
    mine = Calendar.from_ical(platform.call("GET", "/me/gatherings.ics", me).content).walk("VEVENT")
    assert len(mine) == 3 and str(mine[0]["url"]) == LINK
    assert events[0].decoded("dtstart") == datetime.fromisoformat(at(10))


def test_attendance_counts_youth_and_first_timers_in_reports(platform, world):
    now = datetime.now(timezone.utc)
    start = now + timedelta(seconds=6)
    gathering = online_gathering(platform, world, capacity=10, starts_at=start.isoformat(),
                                 ends_at=(start + timedelta(hours=1)).isoformat(), target_regions=["yu"])
    young_id = str(uuid.uuid4())
    young = platform.key_for("citizen", young_id)
    assert platform.call("POST", "/talents", young, body={
        "age_band": "10代", "skills": {}, "interests": ["welfare"], "regions": ["yu"],
        "max_hours_per_month": 4, "first_timer": True}).status_code == 201
    came = join(platform, gathering, young).json()
    assert came["youth"] and came["first_timer"]
    early = platform.call("POST", f"/gatherings/{gathering['id']}/attendance", world["group"],
                          body={"attended": [came["id"]]})
    assert early.status_code == 409
    time.sleep(max(0.0, (start - datetime.now(timezone.utc)).total_seconds()) + 0.5)
    recorded = platform.call("POST", f"/gatherings/{gathering['id']}/attendance", world["group"],
                             body={"attended": [came["id"]]})
    assert recorded.status_code == 200 and recorded.json()["attendance_recorded"], recorded.text
    outcome = platform.call("POST", f"/gatherings/{gathering['id']}/outcome", world["group"],
                            body={"minutes": "講座を実施しました。", "ideas": ["若者の居場所づくり"],
                                  "follow_ups": ["次回は由宇で"]})
    assert outcome.json()["outcome"]["ideas"] == ["若者の居場所づくり"]

    def reported():
        rows = platform.call("GET", "/reports/gatherings").json()["gatherings"]
        return next((r for r in rows if r["gathering_id"] == gathering["id"] and r["ideas"] == 1), None)
    row = eventually(reported)
    assert (row["region"], row["attended"], row["youth_attended"], row["first_timers_attended"]) == ("yu", 1, 1, 1)
    assert platform.call("GET", "/reports/gatherings", world["group"]).status_code == 403


def test_funding_reaches_the_eligible_only_shows_failing_rules_and_is_counted_in_reports(platform, world):
    today = datetime.now(JST).date()
    programme = f"協働のまちづくり事業補助金 {uuid.uuid4().hex[:6]}"
    registered = {}
    for name, founded in (("yu_old", 2001), ("yu_new", today.year)):
        made = platform.call("POST", "/organisations", body={
            "name": f"由宇{name}の会", "name_kana": "ゆうのかい", "kind": "npo", "region": "yu",
            "fields": ["welfare"], "founded_year": founded, "legal_form": "npo_corporation"})
        assert made.status_code == 201, made.text
        registered[name] = {"id": made.json()["id"], "key": platform.key_for("organisation", made.json()["id"])}
    bad = platform.call("POST", "/funding-opportunities", body={
        "funder": "岩国市", "programme": programme, "title": "募集", "amount_max_yen": 10,
        "amount_min_yen": 100, "opens_on": today.isoformat(), "closes_on": today.isoformat()})
    assert bad.status_code == 422 and "amount_max_yen" in bad.json()["errors"]
    assert platform.call("POST", "/funding-opportunities", registered["yu_old"]["key"], body={}).status_code == 403
    published = platform.call("POST", "/funding-opportunities", body={
        "funder": "岩国市", "programme": programme, "title": "令和8年度 協働のまちづくり事業",
        "amount_min_yen": 50000, "amount_max_yen": 300000, "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=3)).isoformat(), "remind_days_before": 5,
        "links": ["https://www.city.iwakuni.lg.jp/"],
        "eligibility": {"kinds": ["npo"], "regions": ["yu"], "fields": ["welfare"], "min_years_active": 3}})
    assert published.status_code == 201, published.text
    opportunity = published.json()

    def fit_of(key):
        items = platform.call("GET", "/funding-eligibility", key).json()["items"]
        return next((f for f in items if f["opportunity"]["id"] == opportunity["id"]), None)
    new_fit = eventually(lambda: (f := fit_of(registered["yu_new"]["key"])) and f["failed"] and f)
    assert [r["rule"] for r in new_fit["failed"]] == ["min_years_active"]
    assert new_fit["failed"][0]["reason"].startswith("活動年数が3年に足りません")
    assert fit_of(registered["yu_old"]["key"])["eligible"] is True
    other = platform.call("GET", "/funding-eligibility", registered["yu_old"]["key"],
                          params={"organisation_id": registered["yu_new"]["id"]})
    assert other.status_code == 403

    def titles(key):
        return [m["title"] for m in platform.call("GET", "/inbox", key).json()["items"]]
    # The timer announces the window; the reminder goes too (it closes in 3 days, fewer than 5).
    found = eventually(lambda: (t := titles(registered["yu_old"]["key"])) and len(t) >= 2 and t)
    assert any(t.startswith(f"応募できる助成があります: {programme}") for t in found)
    assert any(t.startswith("助成の締切が近づいています") for t in found)
    assert not any("助成" in t for t in titles(registered["yu_new"]["key"])), "ineligible ones are not told"

    applied = platform.call("POST", f"/funding-opportunities/{opportunity['id']}/applications",
                            registered["yu_old"]["key"], body={})
    assert applied.status_code == 201, applied.text
    result = platform.call("POST", f"/funding-applications/{applied.json()['id']}/result",
                           registered["yu_old"]["key"], body={"result": "awarded", "amount_yen": 200000})
    assert result.status_code == 200 and result.json()["status"] == "awarded"
    year = today.year if today.month >= 4 else today.year - 1
    row = eventually(lambda: next((r for r in platform.call("GET", "/reports/funding",
                                                            params={"fiscal_year": year}).json()["rows"]
                                   if r["programme"] == programme and r["awarded"] == 1), None))
    assert (row["region"], row["applications"], row["awarded_yen"]) == ("yu", 1, 200000)
