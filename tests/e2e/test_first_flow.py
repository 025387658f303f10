"""The first real flow through every service, driven over HTTP against the real processes."""
import json
import signal
import sqlite3
import time
import uuid

import pytest

from tests.support.platform import eventually

pytestmark = [pytest.mark.broker, pytest.mark.own_platform]

ORGANISATION = {"name": "由宇防災ボランティアの会", "name_kana": "ゆうぼうさいぼらんてぃあのかい",
                "kind": "citizen_group", "region": "yu", "fields": ["disaster_prevention"],
                "description": "由宇地域で防災訓練を支える市民団体です。"}


@pytest.fixture(scope="module")
def flow(platform):
    """Operator registers a group; the group posts a need; a citizen hears of it."""
    registered = platform.call("POST", "/organisations", body=ORGANISATION)
    assert registered.status_code == 201, registered.text
    organisation = registered.json()
    group_key = platform.key_for("organisation", organisation["id"])
    citizen_key = platform.key_for("citizen", str(uuid.uuid4()))
    subscribed = platform.call("PUT", "/subscriptions/me", citizen_key, body={"regions": ["yu"]})
    assert subscribed.status_code == 200, subscribed.text

    def post_need():
        response = platform.call("POST", "/needs", group_key, body={
            "title": "防災訓練の受付ボランティア", "kind": "volunteer_shift", "slots": 5},
            headers={"X-Correlation-Id": "e2e-need-1"})
        # matching learns of the organisation from registry's event, a moment later
        return response if response.status_code == 201 else None
    need = eventually(post_need).json()
    return {"organisation": organisation, "need": need, "group_key": group_key,
            "citizen_key": citizen_key}


def test_registry_registers_the_group_as_verified(flow):
    organisation = flow["organisation"]
    assert organisation["name_kana"] == "ユウボウサイボランティアノカイ"
    assert organisation["status"] == "verified"


def test_matching_takes_the_need_in_the_groups_region_and_fields(flow):
    need = flow["need"]
    assert need["organisation_id"] == flow["organisation"]["id"]
    assert (need["region"], need["fields"], need["slots"]) == ("yu", ["disaster_prevention"], 5)


def test_the_subscribed_citizen_finds_the_need_in_the_inbox(platform, flow):
    def inbox():
        items = platform.call("GET", "/inbox", flow["citizen_key"]).json()["items"]
        return items or None
    [message] = eventually(inbox)
    assert "防災訓練の受付ボランティア" in message["title"]
    assert message["link"].endswith(flow["organisation"]["id"])


def test_a_citizen_subscribed_elsewhere_hears_nothing(platform, flow):
    other = platform.key_for("citizen", str(uuid.uuid4()))
    platform.call("PUT", "/subscriptions/me", other, body={"regions": ["miwa"]})
    eventually(lambda: platform.call("GET", "/inbox", flow["citizen_key"]).json()["items"])
    assert platform.call("GET", "/inbox", other).json()["items"] == []


def test_reports_counts_organisations_and_needs_per_region(platform, flow):
    def yu_counts():
        summary = platform.call("GET", "/reports/summary").json()
        yu = [r for r in summary["regions"] if r["region"] == "yu"]
        return yu if yu and yu[0]["needs"] >= 1 else None
    [yu] = eventually(yu_counts)
    assert (yu["organisations"], yu["needs"]) == (1, 1)


def test_the_correlation_id_travels_from_http_into_the_event(platform, flow):
    with sqlite3.connect(platform.data_dir / "matching.sqlite3") as db:
        envelopes = [json.loads(row[0]) for row in db.execute("SELECT envelope FROM outbox")]
    [posted] = [e for e in envelopes if e["payload"]["need_id"] == flow["need"]["id"]]
    assert posted["correlation_id"] == "e2e-need-1"
    assert '"correlation_id": "e2e-need-1"' in platform.logs("gateway")


def test_a_need_for_an_unknown_organisation_is_refused_with_a_field_message(platform, flow):
    response = platform.call("POST", "/needs", body={
        "organisation_id": str(uuid.uuid4()), "title": "存在しない団体の募集",
        "kind": "event_helper", "slots": 1})
    assert response.status_code == 422
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert "organisation_id" in response.json()["errors"]


def test_a_group_cannot_post_for_another_group(platform, flow):
    other = platform.call("POST", "/organisations", body={**ORGANISATION, "name": "別の団体"}).json()
    response = platform.call("POST", "/needs", flow["group_key"], body={
        "organisation_id": other["id"], "title": "なりすまし", "kind": "event_helper", "slots": 1})
    assert response.status_code == 403


def test_a_retried_post_with_the_same_idempotency_key_creates_one_organisation(platform):
    body = {**ORGANISATION, "name": "再送テストの会"}
    headers = {"Idempotency-Key": "retry-" + uuid.uuid4().hex}
    first = platform.call("POST", "/organisations", body=body, headers=headers)
    second = platform.call("POST", "/organisations", body=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers.get("Idempotent-Replayed") == "true"
    reused = platform.call("POST", "/organisations", body={**body, "name": "別の内容"}, headers=headers)
    assert reused.status_code == 422 and "Idempotency-Key" in reused.json()["errors"]


def test_openapi_describes_every_route_from_the_validating_schemas(platform):
    response = platform.call("GET", "/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    for path in ("/api/v1/organisations", "/api/v1/needs", "/api/v1/inbox",
                 "/api/v1/reports/summary", "/api/v1/subscriptions/me"):
        assert path in document["paths"], path
    body = document["paths"]["/api/v1/organisations"]["post"]["requestBody"]
    schema_ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = document["components"]["schemas"][schema_ref]["properties"]
    assert {"name", "name_kana", "kind", "region", "fields"} <= set(properties)
    assert "request_id" not in properties  # set by the gateway, never by clients
    assert properties["kind"]["enum"][0] == "citizen_group"


def test_a_stalled_service_yields_a_504_problem_not_a_hung_request(platform, flow):
    pid = platform.supervisor.pid("registry")
    platform.supervisor.kill("registry", signal.SIGSTOP)
    try:
        started = time.monotonic()
        response = platform.call("GET", "/organisations")
        waited = time.monotonic() - started
    finally:
        platform.supervisor.kill("registry", signal.SIGCONT)
    assert response.status_code == 504
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert waited < 15  # the RPC timeout is 5 s here; anything near the HTTP timeout is a hang
    assert platform.supervisor.pid("registry") == pid
    eventually(lambda: platform.call("GET", "/organisations").status_code == 200)
