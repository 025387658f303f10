"""An operator's operations screens in the browser, against the running platform: the
dashboard (KPIs against this year's targets, today's work, dead letters per service), hours
approved in bulk (a refusal reported per match, a double submit applied once), a dead letter
replayed, a failing webhook endpoint enabled and its delivery sent again, and an API key issued
(its secret shown once) and revoked after a confirmation."""
import os
import uuid
from datetime import datetime, timezone

import pytest

from gateway.console.city_calendar import city_today, fiscal_year
from tests.support.events import organisation_registered, publish_raw
from tests.support.platform import eventually
from tests.support.webhook_receiver import WebhookReceiver

pytestmark = pytest.mark.broker

PROFILE = {"age_band": "30代", "skills": {"cooking": 2}, "interests": ["welfare"], "regions": ["yu"],
           "home_region": "yu", "weekly_availability": [{"weekday": 6, "band": "morning"}],
           "max_hours_per_month": 12, "contact": {"email": "volunteer@example.jp"}}


def organisation(platform, region: str = "yu") -> dict:
    suffix = uuid.uuid4().hex[:6]
    created = platform.call("POST", "/organisations", body={
        "name": f"由宇こども食堂{suffix}", "name_kana": "ゆうこどもしょくどう", "kind": "citizen_group",
        "region": region, "fields": ["welfare"], "description": "子ども食堂を開いています。"})
    assert created.status_code == 201, created.text
    return created.json()


def post_need(platform, group_key: str, slots: int = 1) -> dict:
    def post():
        response = platform.call("POST", "/needs", group_key, body={
            "title": f"配膳のお手伝い{uuid.uuid4().hex[:4]}", "kind": "volunteer_shift", "slots": slots})
        return response if response.status_code == 201 else None
    return eventually(post).json()  # matching hears of the organisation first


def hours_logged(platform, group_key: str, need: dict) -> str:
    """A volunteer applies, is accepted and confirmed, and logs 3 hours: the match waits."""
    talent_id = str(uuid.uuid4())
    talent_key = platform.key_for("citizen", talent_id)
    assert platform.call("POST", "/talents", talent_key, body=PROFILE).status_code == 201
    match = platform.call("POST", "/matches", talent_key, body={"need_id": need["id"]})
    assert match.status_code == 201, match.text
    match_id = match.json()["id"]
    for path, key, body in ((f"/matches/{match_id}/accept", group_key, None),
                            (f"/matches/{match_id}/confirm", talent_key, None),
                            (f"/matches/{match_id}/hours", talent_key, {"hours": 3})):
        answer = platform.call("POST", path, key, body=body)
        assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "hours_logged"
    return match_id


def test_the_dashboard_shows_kpis_against_this_years_targets_and_todays_work(
        platform, console_url, account, browser):
    code = f"ops-{uuid.uuid4().hex[:8]}"
    year = fiscal_year(city_today(datetime.now(timezone.utc)))
    defined = platform.call("PUT", f"/reports/kpi/indicators/{code}", body={
        "name": "登録団体数（運用画面）", "measure": "organisations_registered", "unit": "団体",
        "targets": {str(year): 1_000_000}})
    assert defined.status_code == 200, defined.text
    organisation(platform)
    browser.log_in(console_url, account("operator"))
    browser.follow("ダッシュボード")  # second in the operator's menu
    assert browser.path == "/console/dashboard"
    assert f"（{year}年度）" in browser.find("#h-kpis").text
    card = browser.find(f"#kpi-{code}")
    assert card.find_element("css selector", "svg[role=img] title").get_attribute("textContent") \
        .startswith("登録団体数（運用画面）: 達成率")
    row = next(row for row in browser.finds("#kpi-table tbody tr") if "運用画面" in row.text)
    assert "1,000,000 団体" in row.text  # the target, as text beside the chart
    for tile in ("pending_verifications", "open_consultations", "failing_endpoints",
                 "todays_bookings"):
        assert browser.find(f"#dash-{tile} .count").get_attribute("data-count").rstrip("+").isdigit()
    services = [cell.get_attribute("data-service") for cell in browser.finds("#dead-letter-table td")]
    assert services == ["matching", "notifications", "reports"]
    browser.check_screen("ops-dashboard")
    browser.driver.set_window_size(768, 1000)  # a tablet: no sideways scrolling
    assert browser.driver.execute_script("return document.documentElement.scrollWidth") <= 768
    browser.check_screen("ops-dashboard-768")
    browser.open(f"{console_url}/dashboard?lang=en")
    assert browser.find("h1").text == "Dashboard"
    assert browser.find("#h-kpis").text == f"Plan KPIs (fiscal year {year})"
    browser.check_screen("ops-dashboard-en")


def test_hours_are_approved_in_bulk_a_refusal_is_reported_and_a_double_submit_applies_once(
        platform, console_url, account, browser):
    group = organisation(platform)
    group_key = platform.key_for("organisation", group["id"])
    need = post_need(platform, group_key, slots=2)
    first, second = hours_logged(platform, group_key, need), hours_logged(platform, group_key, need)

    browser.log_in(console_url, account("operator"))
    assert browser.find("#count-hours_to_approve .count").get_attribute("data-count") != "0"
    for key in ("failing_endpoints", "unanswered_surveys"):
        assert browser.find(f"#count-{key} .count").get_attribute("data-count").isdigit()
    browser.follow_css("#count-hours_to_approve a")
    assert browser.path == "/console/hours"
    browser.check_screen("ops-hours")

    browser.submit("#approve-selected")  # nothing selected: said, and nothing changes
    assert browser.find("#e-match_id").text.startswith("承認するものを1件以上")
    browser.check_screen("ops-hours-none-selected")

    for match_id in (first, second):
        box = browser.find(f"#m-{match_id}")
        assert box.size["width"] >= 24 and box.size["height"] >= 24
        box.click()
    form_key = browser.find("input[name=form_key]").get_attribute("value")
    # Meanwhile the organisation approves the first itself: the API refuses it in the bulk.
    assert platform.call("POST", f"/matches/{first}/approve", group_key).status_code == 200
    browser.submit("#approve-selected")
    summary = browser.find("#approval-summary")
    assert summary.get_attribute("aria-live") == "polite"
    assert browser.find("#approved-count").text.endswith(": 1")
    assert [item.get_attribute("data-match") for item in browser.finds("#refused li")] == [first]
    assert browser.finds(f"#m-{first}") == browser.finds(f"#m-{second}") == []  # none waits now
    browser.check_screen("ops-hours-summary")

    # The same form sent again (a double click, a resend): each match's own key answers as before.
    resend = ("const f = document.createElement('form'); f.method = 'post'; f.action = '/console/hours/approve';"
              "for (const [n, v] of arguments[0]) { const i = document.createElement('input');"
              " i.type = 'hidden'; i.name = n; i.value = v; f.appendChild(i); }"
              "document.body.appendChild(f); f.submit();")
    csrf = browser.find("input[name=csrf_token]").get_attribute("value")
    browser._navigating(lambda: browser.driver.execute_script(resend, [
        ["csrf_token", csrf], ["form_key", form_key], ["match_id", first], ["match_id", second]]))
    assert browser.find("#approved-count").text.endswith(": 1")  # a replay, not a second approval
    done = platform.call("GET", f"/matches/{second}", group_key).json()
    assert (done["status"], done["hours"]) == ("completed", 3.0)


def test_a_dead_letter_is_listed_without_personal_data_and_replayed(platform, console_url, account,
                                                                   browser):
    organisation_id = str(uuid.uuid4())
    amqp = os.environ["KYODO_AMQP_URI"]  # the platform's own vhost, while it runs
    publish_raw(amqp, organisation_registered(organisation_id))
    # The same organisation again breaks reports' primary key on every attempt: parked.
    poison = organisation_registered(organisation_id)
    publish_raw(amqp, poison)

    def parked():
        items = platform.call("GET", "/admin/dead-letters/reports").json()["items"]
        return next((letter for letter in items if letter["message_id"] == poison["id"]), None)
    letter = eventually(parked, timeout=90)

    browser.log_in(console_url, account("operator"))
    browser.follow_css("#count-dead_letters a")
    browser.open(f"{console_url}/dead-letters?service=reports")
    row = browser.find(f"#letter-{letter['id']}")
    assert "registry.organisation_registered" in row.text
    assert str(letter["attempts"]) in row.text
    assert poison["correlation_id"] not in browser.driver.page_source  # nor the event's body
    browser.check_screen("ops-dead-letters")

    browser.submit(f"#replay-{letter['id']}")
    assert browser.find(".notice.success").text.startswith("イベントを再送しました")
    assert browser.finds(f"#letter-{letter['id']}") == []
    browser.check_screen("ops-dead-letters-replayed")
    browser.open(f"{console_url}/dead-letters?service=reports&include_replayed=1")
    assert "再送済み" in browser.find(f"#letter-{letter['id']}").text


def test_a_failing_webhook_endpoint_is_enabled_and_its_delivery_sent_again(platform, console_url,
                                                                          account, browser):
    # An organisation's system hears of needs posted in its region, by webhook.
    group_key = platform.key_for("organisation", organisation(platform, region="mikawa")["id"])
    with WebhookReceiver() as receiver:
        receiver.answers.append(410)  # gone: the endpoint is disabled at once
        endpoint = platform.call("POST", "/webhook-endpoints", group_key, body={
            "url": receiver.url, "event_types": ["matching.need_posted"],
            "description": "運用テストの受信先"})
        assert endpoint.status_code == 201, endpoint.text
        endpoint = endpoint.json()
        receiver.secrets.append(endpoint["secret"])
        assert platform.call("PUT", "/subscriptions/me", group_key,
                             body={"regions": ["mikawa"]}).status_code == 200
        post_need(platform, group_key)
        eventually(lambda: platform.call("GET", f"/webhook-endpoints/{endpoint['id']}",
                                         group_key).json()["status"] == "disabled", timeout=60)

        browser.log_in(console_url, account("operator"))
        assert int(browser.find("#count-failing_endpoints .count").get_attribute("data-count")) >= 1
        browser.follow_css("#count-failing_endpoints a")
        assert browser.path == "/console/webhooks?failing=1"
        assert browser.find("#f-failing").is_selected()
        assert "失敗中" in browser.find(f"#endpoint-{endpoint['id']}").text
        browser.check_screen("ops-webhooks-failing")

        browser.follow_css(f"#endpoint-{endpoint['id']} a")
        assert browser.find("#endpoint-status").text == "停止中"
        [delivery] = browser.finds("#deliveries tbody tr")
        delivery_id = delivery.get_attribute("id").removeprefix("delivery-")
        assert "失敗" in delivery.text
        browser.check_screen("ops-webhook-disabled")

        browser.submit(f"#resend-{delivery_id}")  # refused while disabled: said, nothing sent
        assert "enable it first" in browser.find("#refusal").text
        assert receiver.accepted == []
        browser.check_screen("ops-webhook-resend-refused")

        browser.submit("#enable")
        assert browser.find(".notice.success").text == "送信先を再開しました。"
        assert browser.find("#endpoint-status").text == "有効"
        browser.submit(f"#resend-{delivery_id}")
        assert browser.find(".notice.success").text == "配信を再送しました。"
        [received] = receiver.wait_for(1)
        assert received["payload"]["type"] == "matching.need_posted"
        browser.check_screen("ops-webhook-resent")


def test_an_api_key_is_issued_with_its_secret_shown_once_and_revoked_after_confirmation(
        platform, console_url, account, browser):
    group = organisation(platform)
    browser.log_in(console_url, account("operator"))
    browser.follow("API キー")
    assert browser.path == "/console/api-keys"
    browser.check_screen("ops-api-keys")
    browser.follow("API キーを発行する")
    browser.submit("#create-key")  # nothing filled: the API's messages beside the fields
    assert browser.find("#e-role").text.startswith("必須項目です")
    assert browser.find("#e-label").text.startswith("必須項目です")
    browser.check_screen("ops-api-key-form-errors")

    marker = uuid.uuid4().hex[:6]
    label = f"子ども食堂の連携 コドモ{marker}"
    browser.driver.find_element("css selector", "#f-role option[value=organisation]").click()
    browser.fill("#f-label", label)
    browser.submit("#create-key")  # an organisation's key needs its subject
    assert "subject_id" in browser.find("#e-subject_id").text
    browser.fill("#f-subject_id", group["id"])
    browser.submit("#create-key")
    assert "今だけ表示されます" in browser.find("#secret-warning").text
    secret = browser.find("#secret").get_attribute("value")
    assert platform.call("GET", f"/organisations/{group['id']}", secret).status_code == 200
    browser.check_screen("ops-api-key-created")

    browser.open(f"{console_url}/api-keys?role=organisation")
    browser.fill("#f-q", f"ｺﾄﾞﾓ{marker}")  # half-width katakana finds it
    browser.submit(".search button")
    [row] = browser.finds("#keys tbody tr")
    assert label in row.text
    key_id = row.get_attribute("id").removeprefix("key-")
    browser.open(f"{console_url}/api-keys/{key_id}/revoke")
    browser.submit("#revoke")  # not confirmed: nothing revoked
    assert browser.find("#e-confirm").text == "確認のチェックを入れてください。"
    assert platform.call("GET", f"/organisations/{group['id']}", secret).status_code == 200
    browser.check_screen("ops-api-key-revoke-confirm")
    browser.find("#f-confirm").click()
    browser.submit("#revoke")
    assert browser.find(".notice.success").text == "API キーを失効させました。"
    assert platform.call("GET", f"/organisations/{group['id']}", secret).status_code == 401
    browser.open(f"{console_url}/api-keys?role=organisation&include_revoked=1&q={marker}")
    assert "失効済み" in browser.find(f"#key-{key_id}").text
    browser.check_screen("ops-api-keys-revoked")
