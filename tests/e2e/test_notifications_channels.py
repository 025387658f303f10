"""Notifications through the gateway against the real processes: an e-mail address confirmed
by the code sent to it (a real SMTP server on loopback), a need that reaches it as multipart
mail with one-click unsubscribe, a signed webhook verified by a real receiver, and the same
envelope published again sending nothing twice; announcements with read receipts and the
public Atom feed."""
import json
import sqlite3
import xml.etree.ElementTree as ET
import time
import uuid

import pytest
import requests

from tests.support.events import publish_raw
from tests.support.platform import eventually, running_platform
from tests.support.smtp import SmtpSink, text_part
from tests.support.webhook_receiver import LineStandIn, WebhookReceiver

pytestmark = pytest.mark.broker

ADDRESS = "taro.iwakuni@example.jp"


@pytest.fixture(scope="module")
def sink():
    with SmtpSink() as running:
        yield running


@pytest.fixture(scope="module")
def receiver():
    with WebhookReceiver() as running:
        yield running


LINE = LineStandIn()  # its address now; it listens once the platform runs (see `line`)


@pytest.fixture(scope="module")
def platform(tmp_path_factory, module_vhost_uri, sink):
    with running_platform(tmp_path_factory.mktemp("platform"), module_vhost_uri, env={
            "KYODO_SMTP_PORT": str(sink.port), "KYODO_WEBHOOKS_ALLOW_PRIVATE": "on",
            "KYODO_PUBLIC_URL": "https://kyodo.example.jp",
            "KYODO_LINE_API_BASE_URL": LINE.base_url,
            "KYODO_LINE_CHANNEL_ACCESS_TOKEN": LINE.access_token}) as running:
        yield running


@pytest.fixture(scope="module")
def line(platform):
    with LINE as running:
        yield running


@pytest.fixture(scope="module")
def people(platform, sink, receiver):
    """A citizen with a confirmed address and a group with a webhook, both hearing of region yu."""
    organisation = platform.call("POST", "/organisations", body={
        "name": "由宇ふれあいの会", "name_kana": "ゆうふれあいのかい", "kind": "citizen_group",
        "region": "yu", "fields": ["welfare"]}).json()
    group_key = platform.key_for("organisation", organisation["id"])
    citizen_key = platform.key_for("citizen", str(uuid.uuid4()))
    added = platform.call("POST", "/notifications/addresses", citizen_key,
                          body={"address": ADDRESS})
    assert added.status_code == 201, added.text
    assert added.json()["status"] == "pending_confirmation"
    [confirmation] = sink.wait_for(ADDRESS)
    code = next(word for word in text_part(confirmation).split() if word.isdigit() and len(word) == 8)
    confirmed = platform.call("POST", f"/notifications/addresses/{added.json()['id']}/confirm",
                              citizen_key, body={"code": code})
    assert confirmed.status_code == 200, confirmed.text
    endpoint = platform.call("POST", "/webhook-endpoints", group_key, body={
        "url": receiver.url, "event_types": ["matching.need_posted"], "description": "団体の連携"})
    assert endpoint.status_code == 201, endpoint.text
    receiver.secrets.append(endpoint.json()["secret"])
    for key in (citizen_key, group_key):
        assert platform.call("PUT", "/subscriptions/me", key, body={"regions": ["yu"]}).status_code == 200

    def post_need():
        response = platform.call("POST", "/needs", group_key, body={
            "title": "夏祭りの設営", "kind": "volunteer_shift", "slots": 3})
        return response if response.status_code == 201 else None
    need = eventually(post_need).json()
    return {"citizen_key": citizen_key, "group_key": group_key, "need": need,
            "endpoint": endpoint.json(), "address_id": added.json()["id"]}


def test_a_wrong_code_and_bad_addresses_are_refused_with_field_messages(platform):
    key = platform.key_for("citizen", str(uuid.uuid4()))
    bad = platform.call("POST", "/notifications/addresses", key, body={"address": "not-mail"})
    assert bad.status_code == 422 and "address" in bad.json()["errors"]
    added = platform.call("POST", "/notifications/addresses", key,
                          body={"address": "hanako@example.jp"}).json()
    wrong = platform.call("POST", f"/notifications/addresses/{added['id']}/confirm", key,
                          body={"code": "00000000"})
    assert wrong.status_code == 422 and "code" in wrong.json()["errors"]
    bad_line = platform.call("POST", "/notifications/addresses", key,
                             body={"channel": "line", "address": "taro"})
    assert bad_line.status_code == 422 and "address" in bad_line.json()["errors"]
    listed = platform.call("GET", "/notifications/addresses", key).json()["items"]
    assert [a["status"] for a in listed] == ["pending_confirmation"]


def test_bad_webhook_endpoints_are_refused_and_nothing_is_stored(platform):
    key = platform.key_for("partner", platform.business())
    for body, field in (({"url": "ftp://example.jp/x"}, "url"),
                        ({"url": "https://example.jp/x", "event_types": ["no.such_event"]},
                         "event_types")):
        refused = platform.call("POST", "/webhook-endpoints", key, body=body)
        assert refused.status_code == 422, refused.text
        assert field in refused.json()["errors"]
    assert platform.call("GET", "/webhook-endpoints", key).json()["items"] == []
    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    assert platform.call("GET", "/webhook-endpoints", citizen).status_code == 403


def test_the_need_reaches_the_confirmed_address_as_multipart_mail(people, sink):
    mails = sink.wait_for(ADDRESS, 2)
    mail = mails[1]
    assert mail["Subject"] == "新しい募集: 夏祭りの設営 / New opportunity"
    assert mail.get_content_type() == "multipart/alternative"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["List-Unsubscribe"].startswith("<https://kyodo.example.jp/api/v1/notifications/unsubscribe/")


def test_the_group_receives_a_signed_webhook_and_sees_its_attempts(platform, people, receiver):
    [got] = receiver.wait_for(1)
    assert got["payload"]["type"] == "matching.need_posted"
    assert got["payload"]["data"]["need_id"] == people["need"]["id"]
    assert receiver.rejected == []
    endpoint_id = people["endpoint"]["id"]
    deliveries = eventually(lambda: (items := platform.call(
        "GET", f"/webhook-endpoints/{endpoint_id}/deliveries", people["group_key"]).json()["items"])
        and items[0]["status"] == "sent" and items)
    [delivery] = deliveries
    assert delivery["webhook_id"] == got["id"]
    assert delivery["attempt_log"][0]["status_code"] == 204
    other = platform.key_for("service")
    hidden = platform.call("GET", f"/webhook-endpoints/{endpoint_id}/deliveries", other)
    assert hidden.status_code == 404
    listed = platform.call("GET", "/webhook-endpoints", people["group_key"]).json()["items"]
    assert "secret" not in listed[0] and listed[0]["active_secrets"] == 1


def test_the_same_envelope_published_again_sends_no_second_mail_or_webhook(
        platform, people, sink, receiver, module_vhost_uri):
    receiver.wait_for(1)
    sink.wait_for(ADDRESS, 2)
    with sqlite3.connect(platform.data_dir / "matching.sqlite3") as connection:
        [row] = [r for r in connection.execute("SELECT envelope FROM outbox WHERE type = ?",
                                               ("matching.need_posted",))
                 if json.loads(r[0])["payload"]["need_id"] == people["need"]["id"]]
    publish_raw(module_vhost_uri, json.loads(row[0]))
    time.sleep(3)  # long enough for the consumer and the sender (polling every 0.2 s)
    assert len(sink.to(ADDRESS)) == 2
    assert len(receiver.accepted) == 1


def test_inbox_unread_count_and_mark_read(platform, people):
    key = people["citizen_key"]
    page = eventually(lambda: (body := platform.call("GET", "/inbox", key).json())["items"] and body)
    assert page["unread"] == 1
    message_id = page["items"][0]["id"]
    read = platform.call("POST", f"/inbox/{message_id}/read", key)
    assert read.status_code == 200 and read.json()["read_at"]
    assert platform.call("GET", "/inbox", key).json()["unread"] == 0
    stranger = platform.key_for("citizen", str(uuid.uuid4()))
    assert platform.call("POST", f"/inbox/{message_id}/read", stranger).status_code == 404
    assert platform.call("POST", "/inbox/read-all", key).json() == {"marked": 0}


def test_one_click_unsubscribe_without_a_key_stops_the_mail(platform, people, sink):
    mail = sink.wait_for(ADDRESS, 2)[1]
    url = mail["List-Unsubscribe"].strip("<>").replace("https://kyodo.example.jp/api/v1", platform.url)
    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", with no credentials and
    # no Idempotency-Key (the signed token names the one thing it does).
    answer = requests.post(url, data="List-Unsubscribe=One-Click", timeout=10,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 200, answer.text
    listed = platform.call("GET", "/notifications/addresses", people["citizen_key"]).json()
    assert listed["items"][0]["status"] == "unsubscribed"
    forged = requests.post(url[:-4] + "AAAA", data="List-Unsubscribe=One-Click", timeout=10,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert forged.status_code == 422


def test_an_announcement_reaches_people_and_its_sender_sees_who_read_it(platform, people):
    published = platform.call("POST", "/announcements", body={
        "title": "由宇地区 防災訓練のお知らせ", "body": "12月6日（日）9時から由宇小学校で行います。",
        "regions": ["yu"], "public": True})
    assert published.status_code == 201, published.text
    announcement = published.json()
    assert announcement["recipients"] == 2  # the citizen and the group, both hearing of yu
    group_inbox = eventually(lambda: [m for m in platform.call(
        "GET", "/inbox", people["group_key"]).json()["items"] if "防災訓練のお知らせ" in m["title"]])
    platform.call("POST", f"/inbox/{group_inbox[0]['id']}/read", people["group_key"])
    reads = platform.call("GET", f"/announcements/{announcement['id']}/reads").json()
    assert (reads["recipients"], reads["read"]) == (2, 1)
    assert len(reads["unread_recipients"]) == 1
    assert platform.call("GET", f"/announcements/{announcement['id']}/reads",
                         people["group_key"]).status_code == 403
    refused = platform.call("POST", "/announcements", people["group_key"], body={"title": "x", "body": "y"})
    assert refused.status_code == 403


def test_the_public_feed_answers_without_a_key(platform, people):
    platform.call("POST", "/announcements", body={"title": "公開講座のご案内", "body": "参加者募集中です。"})
    answer = eventually(lambda: (r := requests.get(f"{platform.url}/feeds/public.atom", timeout=10))
                        and "公開講座のご案内".encode() in r.content and r)
    assert answer.headers["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(answer.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert "募集: 夏祭りの設営" in titles and "公開講座のご案内" in titles


def test_a_confirmed_line_account_hears_an_announcement_by_push(platform, people, line):
    key = platform.key_for("citizen", str(uuid.uuid4()))
    user_id = "U" + uuid.uuid4().hex
    added = platform.call("POST", "/notifications/addresses", key,
                          body={"channel": "line", "address": user_id})
    assert added.status_code == 201, added.text
    [confirmation] = line.wait_for(user_id)
    code = confirmation["text"].split("確認コード: ", 1)[1][:8]
    confirmed = platform.call("POST", f"/notifications/addresses/{added.json()['id']}/confirm", key,
                              body={"code": code})
    assert confirmed.json()["status"] == "confirmed"
    platform.call("PUT", "/subscriptions/me", key, body={"regions": ["miwa"]})
    platform.call("POST", "/announcements", body={"title": "美和地区の断水", "body": "午後2時から断水します。",
                                                 "regions": ["miwa"], "critical": True})
    pushes = line.wait_for(user_id, 2)
    assert pushes[1]["text"].startswith("【重要】お知らせ: 美和地区の断水")
