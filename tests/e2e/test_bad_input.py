"""Bad input at the gateway: a 4xx problem+json with field messages, and nothing changes."""
import json
import uuid

import pytest
import requests

pytestmark = pytest.mark.broker

VALID = {"name": "美和ふれあいサロン", "name_kana": "ミワフレアイサロン", "kind": "citizen_group",
         "region": "miwa", "fields": ["welfare"]}


def organisation_count(platform) -> int:
    return len(platform.call("GET", "/organisations", params={"limit": 200}).json()["items"])


def raw_post(platform, data: bytes, content_type="application/json", key=None, idempotency=True):
    headers = {"Authorization": f"Bearer {key or platform.operator_key}", "Content-Type": content_type}
    if idempotency:
        headers["Idempotency-Key"] = str(uuid.uuid4())
    return requests.post(platform.url + "/organisations", data=data, headers=headers, timeout=30)


CASES = {
    "wrong types": (json.dumps({**VALID, "name": 12, "fields": "welfare"}).encode(), 422, {"name", "fields"}),
    "missing fields": (json.dumps({"name": "名前だけ"}).encode(), 422, {"name_kana", "kind", "region", "fields"}),
    "unknown fields": (json.dumps({**VALID, "password": "x"}).encode(), 422, {"password"}),
    "client-chosen request id": (json.dumps({**VALID, "request_id": str(uuid.uuid4())}).encode(), 422, {"request_id"}),
    "unknown region": (json.dumps({**VALID, "region": "atlantis"}).encode(), 422, {"region"}),
    "unknown kind": (json.dumps({**VALID, "kind": "club"}).encode(), 422, {"kind"}),
    "invalid JSON": (b'{"name": "\xe7\x94\xb1', 400, None),
    "not an object": (b'["a", "b"]', 400, None),
    "oversize body": (json.dumps({**VALID, "description": "あ" * 40_000}).encode(), 413, None),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_bodies_are_refused_with_a_problem_and_change_nothing(platform, case):
    data, status, fields = CASES[case]
    before = organisation_count(platform)
    response = raw_post(platform, data)
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status and problem["title"]
    if fields:
        assert fields <= set(problem["errors"]), problem["errors"]
    assert organisation_count(platform) == before


def test_wrong_content_type_is_415(platform):
    response = raw_post(platform, json.dumps(VALID).encode(), content_type="text/plain")
    assert response.status_code == 415


def test_post_without_idempotency_key_is_400(platform):
    before = organisation_count(platform)
    response = raw_post(platform, json.dumps(VALID).encode(), idempotency=False)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["errors"]
    assert organisation_count(platform) == before


def test_no_key_is_401_and_a_wrong_role_is_403(platform):
    assert requests.get(platform.url + "/organisations", timeout=10).status_code == 401
    assert requests.get(platform.url + "/organisations", timeout=10,
                        headers={"Authorization": "Bearer kyd_not-a-key"}).status_code == 401
    partner = platform.key_for("partner", platform.business())  # citizens may self-register (pending)
    response = raw_post(platform, json.dumps(VALID).encode(), key=partner)
    assert response.status_code == 403


def test_bad_query_parameters_are_422(platform):
    response = platform.call("GET", "/organisations", params={"limit": "lots", "colour": "red"})
    assert response.status_code == 422
    assert {"limit", "colour"} <= set(response.json()["errors"])
    assert platform.call("GET", "/organisations", params={"cursor": "!!!"}).status_code == 422


def test_an_unknown_route_is_a_404_problem(platform):
    response = requests.get(platform.url + "/no-such-thing", timeout=10)
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/problem+json")


def test_an_api_key_for_an_unknown_organisation_is_refused(platform):
    response = platform.call("POST", "/api-keys", body={
        "role": "organisation", "subject_id": str(uuid.uuid4()), "label": "誰か"})
    assert response.status_code == 422 and "subject_id" in response.json()["errors"]
