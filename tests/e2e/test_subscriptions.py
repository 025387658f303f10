"""Who hears what, over HTTP against the real processes: following an organisation, operators
setting someone's subscription, an unknown event type refused with nothing changed, and a
delivery's outcome counted in reports (a real SMTP server on loopback)."""
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.support.platform import eventually, running_platform
from tests.support.smtp import SmtpSink

pytestmark = pytest.mark.broker


@pytest.fixture(scope="module")
def sink():
    with SmtpSink() as running:
        yield running


@pytest.fixture(scope="module")
def platform(tmp_path_factory, module_vhost_uri, sink):
    with running_platform(tmp_path_factory.mktemp("platform"), module_vhost_uri,
                          env={"KYODO_SMTP_PORT": str(sink.port)}) as running:
        yield running


def register_group(platform, name="美和こども食堂の会", kana="みわこどもしょくどうのかい"):
    registered = platform.call("POST", "/organisations", body={
        "name": name, "name_kana": kana, "kind": "citizen_group",
        "region": "miwa", "fields": ["welfare"], "description": "美和地域で子ども食堂を開く市民団体です。"})
    assert registered.status_code == 201, registered.text
    organisation = registered.json()
    return {"id": organisation["id"], "key": platform.key_for("organisation", organisation["id"])}


@pytest.fixture(scope="module")
def group(platform):
    return register_group(platform)


def post_need(platform, group, title):
    def posted():
        response = platform.call("POST", "/needs", group["key"], body={
            "title": title, "kind": "volunteer_shift", "slots": 1})
        return response if response.status_code == 201 else None  # matching learns of it first
    return eventually(posted).json()


def titles(platform, key):
    return [m["title"] for m in platform.call("GET", "/inbox", key).json()["items"]]


def test_a_citizen_who_follows_an_organisation_hears_its_new_need(platform, group):
    follower = platform.key_for("citizen", str(uuid.uuid4()))
    followed = platform.call("PUT", "/subscriptions/me", follower,
                             body={"organisations": [group["id"]]})
    assert followed.status_code == 200, followed.text
    assert followed.json()["organisations"] == [group["id"]] and followed.json()["uses_defaults"]
    post_need(platform, group, "配膳ボランティア")
    assert eventually(lambda: titles(platform, follower)) == [
        "新しい募集: 配膳ボランティア / New opportunity"]


def test_an_operator_sets_someones_subscription_and_lists_everyones(platform, group):
    subject = str(uuid.uuid4())
    citizen = platform.key_for("citizen", subject)
    put = platform.call("PUT", f"/subscriptions/citizen/{subject}", body={
        "organisations": [group["id"]], "event_types": ["matching.match_confirmed"]})
    assert put.status_code == 200, put.text
    mine = platform.call("GET", "/subscriptions/me", citizen).json()
    assert mine["event_types"] == ["matching.match_confirmed"] and not mine["uses_defaults"]
    assert platform.call("GET", f"/subscriptions/citizen/{subject}").json() == mine
    listed, cursor = [], None
    while True:
        page = platform.call("GET", "/subscriptions", params={"limit": 50, **(
            {"cursor": cursor} if cursor else {})}).json()
        listed += [s["recipient_id"] for s in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert f"citizen:{subject}" in listed
    # Not an operator: neither someone else's nor the list.
    assert platform.call("GET", "/subscriptions", citizen).status_code == 403
    assert platform.call("PUT", f"/subscriptions/citizen/{subject}", citizen,
                         body={"regions": ["yu"]}).status_code == 403


def test_an_unknown_event_type_is_a_422_naming_the_valid_ones_and_changes_nothing(platform):
    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    platform.call("PUT", "/subscriptions/me", citizen, body={"regions": ["yu"]})
    refused = platform.call("PUT", "/subscriptions/me", citizen, body={
        "regions": ["kuga"], "event_types": ["matching.need_posted", "matching.no_such_thing"]})
    assert refused.status_code == 422
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    [message] = refused.json()["errors"]["event_types"]
    assert "matching.no_such_thing" in message and "matching.match_confirmed" in message
    assert platform.call("GET", "/subscriptions/me", citizen).json()["regions"] == ["yu"]


def test_a_deliverys_outcome_shows_in_the_operators_delivery_counts(platform, sink):
    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    address = f"count-{uuid.uuid4().hex[:8]}@example.jp"
    added = platform.call("POST", "/notifications/addresses", citizen, body={"address": address})
    assert added.status_code == 201, added.text
    sink.wait_for(address)  # the confirmation code went out: a delivered e-mail
    today = datetime.now(ZoneInfo("Asia/Tokyo")).date()
    query = {"from": str(today - timedelta(days=1)), "to": str(today + timedelta(days=1))}

    def counted():
        items = platform.call("GET", "/reports/deliveries", params=query).json()["items"]
        return [i for i in items if i["kind"] == "email_confirmation" and i["delivered"]] or None
    [row] = eventually(counted)
    assert row["channel"] == "email" and row["failed"] == 0
    assert platform.call("GET", "/reports/deliveries", citizen, params=query).status_code == 403
    backwards = platform.call("GET", "/reports/deliveries", params={
        "from": query["to"], "to": query["from"]})
    assert backwards.status_code == 422 and "to" in backwards.json()["errors"]


def test_a_closed_need_leaves_the_public_feed(platform, group):
    need = post_need(platform, group, "会場設営（締切予定）")
    kept = post_need(platform, group, "片付けボランティア")

    def feed_titles():
        return platform.call("GET", "/feeds/public.atom").text
    eventually(lambda: "会場設営（締切予定）" in feed_titles())
    stranger = register_group(platform, "美和見守りの会", "みわみまもりのかい")["key"]
    assert platform.call("POST", f"/needs/{need['id']}/close", stranger,
                         body={"reason": "closed"}).status_code == 404
    closed = platform.call("POST", f"/needs/{need['id']}/close", group["key"],
                           body={"reason": "closed"})
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"
    eventually(lambda: "会場設営（締切予定）" not in (text := feed_titles()) and text)
    assert kept["title"] in feed_titles()
