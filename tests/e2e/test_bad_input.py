"""Bad input at the gateway: a 4xx problem+json with field messages, and nothing changes."""
import base64
import json
import re
import socket
import uuid

import pytest
import requests

from gateway.routes import ROUTES

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


# --- no 5xx for any input a client chose (issue 8) ---

def is_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/problem+json"), response.headers
    body = response.json()
    assert body["status"] == status and body["title"]
    return body


CURSOR_ROUTES = [route for route in ROUTES if route.request is not None
                 and "cursor" in route.client_fields and "operator" in route.roles]
CRAFTED_CURSORS = {
    "wrong JSON shape": base64.urlsafe_b64encode(b'{"a": [1, 2]}').decode().rstrip("="),
    "an unsigned old-style key": base64.urlsafe_b64encode(
        json.dumps(["2026-01-01T00:00:00+00:00", str(uuid.uuid4())]).encode()).decode(),
    "a forged signature": base64.urlsafe_b64encode(b'[1, 2]').decode().rstrip("=") + ".AAAAAAAAAAAAAAAAAAAAAA",
    "not base64": "%%%",
}


@pytest.mark.parametrize("route", CURSOR_ROUTES, ids=lambda route: route.name)
def test_a_crafted_cursor_is_a_problem_naming_cursor_on_every_list_route(platform, route):
    path = route.path.replace("/api/v1", "")
    for name in route.path_names:
        path = path.replace(f"<{name}>", "registry" if name == "service" else str(uuid.uuid4()))
    for cursor in CRAFTED_CURSORS.values():
        body = is_problem(platform.call("GET", path, params={"cursor": cursor}), 422)
        assert "cursor" in body["errors"], body


def test_a_cursor_the_api_issued_still_pages(platform):
    for index in range(3):
        platform.call("POST", "/organisations", body={**VALID, "name": f"ページ{index}"})
    first = platform.call("GET", "/organisations", params={"limit": 1}).json()
    second = platform.call("GET", "/organisations", params={"limit": 1, "cursor": first["next_cursor"]})
    assert second.status_code == 200 and second.json()["items"] != first["items"]


def test_a_cursor_of_one_ordering_is_refused_by_another(platform):
    for index in range(2):
        platform.call("POST", "/organisations", body={**VALID, "name": f"防災サロン{index}"})
    listing = platform.call("GET", "/organisations", params={"limit": 1}).json()["next_cursor"]
    search = platform.call("GET", "/organisations", params={"limit": 1, "q": "防災"}).json()["next_cursor"]
    assert listing and search
    is_problem(platform.call("GET", "/organisations", params={"q": "防災", "cursor": listing}), 422)
    is_problem(platform.call("GET", "/organisations", params={"cursor": search}), 422)


UNTYPABLE = {"NUL": "美和\x00サロン", "escape": "\x1b[2J美和", "lone surrogate": "美和\ud800サロン",
             "bell": "\x07"}


@pytest.mark.parametrize("case", UNTYPABLE)
def test_control_characters_and_lone_surrogates_are_field_errors(platform, case):
    before = organisation_count(platform)
    text = UNTYPABLE[case]
    # json.dumps writes a lone surrogate as the escape \ud800, as a careless client would.
    body = is_problem(raw_post(platform, json.dumps({**VALID, "name": text, "description": text}).encode()), 422)
    assert {"name", "description"} <= set(body["errors"])
    query = is_problem(platform.call("GET", "/organisations", params={"q": text.replace("\ud800", "\x01")}), 422)
    assert "q" in query["errors"]
    assert organisation_count(platform) == before


def test_bidi_overrides_are_refused_in_names_only(platform):
    body = is_problem(raw_post(platform, json.dumps({**VALID, "name": "美和\u202eンロサ"}).encode()), 422)
    assert set(body["errors"]) == {"name"}
    fine = raw_post(platform, json.dumps({**VALID, "description": "مرحبا \u202bعربي\u202c"}).encode())
    assert fine.status_code == 201, fine.text


@pytest.mark.parametrize("data", [b"[" * 30_000 + b"]" * 30_000, b'{"a":' * 20 + b"1" + b"}" * 20,
                                  b'{"name": NaN}', b'{"name": Infinity}'])
def test_deep_nesting_and_non_json_numbers_are_400(platform, data):
    before = organisation_count(platform)
    is_problem(raw_post(platform, data), 400)
    assert organisation_count(platform) == before


DATES = ["0001-01-01", "9999-12-31", "1887-12-31", "2200-01-01"]


@pytest.mark.parametrize("day", DATES)
def test_dates_at_the_calendars_edges_are_field_errors(platform, day):
    body = is_problem(platform.call("GET", "/associations/membership-rate", params={"as_of": day}), 422)
    assert "as_of" in body["errors"]


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+09:00", "9999-12-31T23:59:59-09:00",
                                    "1887-06-01T10:00:00+09:00", "2200-01-01T00:00:00Z"])
def test_date_times_at_the_calendars_edges_are_field_errors(platform, moment):
    body = is_problem(platform.call("POST", "/bookings", body={
        "room_id": str(uuid.uuid4()), "starts_at": moment, "ends_at": moment, "attendees": 3}), 422)
    assert {"starts_at", "ends_at"} == set(body["errors"]), body


def test_the_earliest_allowed_day_answers_rfc3339_date_times(platform):
    answer = platform.call("GET", "/associations/membership-rate", params={"as_of": "1900-01-01"})
    assert answer.status_code == 200, answer.text
    created = platform.call("POST", "/organisations", body={**VALID, "name": "古い団体"}).json()
    moments = list(_date_times_in([answer.json(), created]))
    assert moments and all(RFC3339.match(moment) for moment in moments), moments


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _date_times_in(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _date_times_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _date_times_in(item)
    elif isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        yield value


@pytest.mark.parametrize("value", [1.5, "1", True, 1e300])
def test_numbers_in_json_bodies_are_strict(platform, value):
    body = is_problem(platform.call("POST", "/organisations", body={**VALID, "member_count": value}), 422)
    assert set(body["errors"]) == {"member_count"}, body


def test_numbers_in_query_strings_are_text_and_still_read(platform):
    assert platform.call("GET", "/organisations", params={"limit": "2"}).status_code == 200
    is_problem(platform.call("GET", "/organisations", params={"limit": "1.5"}), 422)
    is_problem(platform.call("GET", "/organisations", params={"limit": str(10 ** 30)}), 422)


def test_a_uri_too_long_is_a_414_problem(platform):
    response = requests.get(platform.url + "/organisations?q=" + "a" * 9000, timeout=10,
                            headers={"Authorization": f"Bearer {platform.operator_key}"})
    body = is_problem(response, 414)
    assert "URI" in body["detail"]


@pytest.mark.parametrize("headers", [{"X-Big": "a" * 9000},
                                     {f"X-Many-{index}": "a" * 7000 for index in range(12)}])
def test_oversized_headers_are_a_431_problem(platform, headers):
    is_problem(requests.get(platform.url + "/organisations", headers=headers, timeout=10), 431)


def test_malformed_requests_the_server_refuses_are_problems(platform):
    host, port = platform.url.split("//")[1].split("/")[0].split(":")
    for raw in (b"GET /api/v1/organisations HTTP/9.9\r\n\r\n",
                b"POST /api/v1/organisations HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
                b"POST /api/v1/organisations HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"):
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            connection.sendall(raw)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.split()[1][:1] == b"4", answer
        assert b"application/problem+json" in head, answer
        assert json.loads(body)["status"] == int(head.split()[1])


def test_a_doubled_slash_redirects_to_the_route_instead_of_an_odd_problem(platform):
    response = requests.get(platform.url.replace("/api/v1", "/api//v1") + "/organisations",
                            allow_redirects=False, timeout=10)
    assert response.status_code == 308 and response.headers["Location"].endswith("/api/v1/organisations")


def test_free_slots_at_the_calendars_edges_are_rfc3339_or_refused(platform):
    created = platform.call("POST", "/facilities", body={
        "name": "美和ふれあいセンター", "name_kana": "みわふれあいせんたー", "region": "miwa",
        "town": "美和町渋前", "address": "岩国市美和町渋前1番地",
        "rooms": [{"name": "研修室", "capacity": 30}]})
    assert created.status_code == 201, created.text
    room = created.json()["rooms"][0]["id"]
    # Before 1888 Asia/Tokyo has a local-mean-time offset (+09:18:59): no such day is served.
    for day in ("1887-12-31", "0001-01-01", "9999-12-31"):
        body = is_problem(platform.call("GET", f"/rooms/{room}/free-slots", params={"date": day}), 422)
        assert "date" in body["errors"]
    for day in ("1900-01-01", "2199-12-31"):
        answer = platform.call("GET", f"/rooms/{room}/free-slots", params={"date": day})
        assert answer.status_code == 200, answer.text
        moments = list(_date_times_in(answer.json()))
        assert moments and all(RFC3339.match(moment) for moment in moments), moments
        assert all(moment.endswith("+09:00") for moment in moments), moments


def test_numbers_too_large_to_stay_finite_are_field_errors(platform):
    body = is_problem(platform.call("PUT", "/reports/kpi/indicators/orgs/targets/2026",
                                    body={"target": 1e300}), 422)
    assert set(body["errors"]) == {"target"}, body
