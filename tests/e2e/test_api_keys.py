"""API keys over HTTP: issued once, listed without secrets, scoped, expiring, revoked at once,
two per holder, and never kept in clear anywhere in the gateway's database."""
import sqlite3
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from services.common.database import database_url

pytestmark = pytest.mark.broker


def issue(platform, idempotency_key=None, **body):
    headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
    return platform.call("POST", "/api-keys", body={"label": "テスト", **body}, headers=headers)


def test_issue_list_revoke_then_the_next_call_is_401(platform):
    person = str(uuid.uuid4())
    issued = issue(platform, role="citizen", subject_id=person)
    assert issued.status_code == 201, issued.text
    created = issued.json()
    key = created["key"]
    assert key.startswith("kyd_") and created["subject_id"] == person and created["revoked_at"] is None
    assert "matching:read" in created["scopes"] and "consultations:read" not in created["scopes"]
    assert platform.call("GET", "/people/me/memberships", key).status_code == 200

    own = platform.call("GET", "/api-keys", key)
    assert own.status_code == 200 and [k["id"] for k in own.json()["items"]] == [created["id"]]
    assert own.json()["items"][0]["last_used_at"] is not None
    everyone = platform.call("GET", "/api-keys").json()["items"]
    assert created["id"] in {k["id"] for k in everyone} and len(everyone) > 1
    assert "kyd_" not in str(everyone) and all("key" not in k for k in everyone)
    holder = platform.call("GET", "/api-keys", params={"role": "citizen", "subject_id": person})
    assert [k["id"] for k in holder.json()["items"]] == [created["id"]]
    assert platform.call("GET", "/api-keys", key, params={"role": "operator"}).status_code == 422

    stranger = issue(platform, role="citizen").json()["key"]  # a citizen's id is assigned
    assert platform.call("GET", "/api-keys", stranger).json()["items"][0]["id"] != created["id"]
    assert platform.call("DELETE", f"/api-keys/{created['id']}", stranger).status_code == 404

    revoked = platform.call("DELETE", f"/api-keys/{created['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    refused = platform.call("GET", "/people/me/memberships", key)
    assert refused.status_code == 401 and refused.headers["Content-Type"].startswith("application/problem+json")
    assert created["id"] not in {k["id"] for k in platform.call("GET", "/api-keys").json()["items"]}
    listed = platform.call("GET", "/api-keys", params={"include_revoked": "true"}).json()["items"]
    assert created["id"] in {k["id"] for k in listed}


def test_a_holder_revokes_its_own_old_key_when_rotating(platform):
    person = str(uuid.uuid4())
    old = issue(platform, role="citizen", subject_id=person).json()
    new = issue(platform, role="citizen", subject_id=person).json()
    third = issue(platform, role="citizen", subject_id=person)
    assert third.status_code == 409 and "revoke" in third.json()["detail"]
    assert platform.call("DELETE", f"/api-keys/{old['id']}", new["key"]).status_code == 200
    assert issue(platform, role="citizen", subject_id=person).status_code == 201


def test_an_expired_key_is_401(platform):
    expires = (datetime.now(timezone.utc) + timedelta(seconds=2)).isoformat()
    key = issue(platform, role="operator", expires_at=expires).json()["key"]
    assert platform.call("GET", "/reports/summary", key).status_code == 200
    time.sleep(2.5)
    expired = platform.call("GET", "/reports/summary", key)
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]
    past = issue(platform, role="operator", expires_at="2020-01-01T00:00:00+09:00")
    assert past.status_code == 422 and "expires_at" in past.json()["errors"]


def test_scopes_limit_a_key_to_its_route_families(platform):
    key = issue(platform, role="operator", scopes=["reports:read"]).json()["key"]
    assert platform.call("GET", "/reports/summary", key).status_code == 200
    refused = platform.call("GET", "/organisations", key)
    assert refused.status_code == 403 and "registry:read" in refused.json()["detail"]
    assert platform.call("PUT", "/reports/kpi/indicators/z", key, body={}).status_code == 403
    beyond_role = issue(platform, role="citizen", scopes=["consultations:read"])
    assert beyond_role.status_code == 422 and "scopes" in beyond_role.json()["errors"]
    malformed = issue(platform, role="operator", scopes=["everything"])
    assert malformed.status_code == 422


def test_a_replayed_create_answers_the_id_and_a_note_never_the_key(platform):
    same = str(uuid.uuid4())
    first = issue(platform, same, role="operator")
    replay = issue(platform, same, role="operator")
    assert first.status_code == replay.status_code == 201
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json()["id"] == first.json()["id"] and "key" not in replay.json()
    assert "shown only once" in replay.json()["note"]


def test_a_key_acts_only_for_a_subject_that_exists(platform):
    unknown = issue(platform, role="partner", subject_id=str(uuid.uuid4()))
    assert unknown.status_code == 422 and "subject_id" in unknown.json()["errors"]
    group = platform.call("POST", "/organisations", body={
        "name": "鍵のテストの会", "name_kana": "かぎのてすとのかい", "kind": "citizen_group",
        "region": "kuga", "fields": ["environment"], "description": "試験です。"}).json()["id"]
    not_a_business = issue(platform, role="partner", subject_id=group)
    assert not_a_business.status_code == 422 and "subject_id" in not_a_business.json()["errors"]
    assert issue(platform, role="partner", subject_id=platform.business()).status_code == 201
    assert issue(platform, role="organisation", subject_id=group).status_code == 201
    assert issue(platform, role="service", subject_id=group).status_code == 422


def test_the_gateway_database_holds_no_issued_key_and_logs_name_the_key(platform):
    issued = [issue(platform, str(uuid.uuid4()), role="operator").json() for _ in range(3)]
    for key in issued:
        platform.call("GET", "/reports/summary", key["key"])
    path = database_url("gateway").removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        dump = "\n".join(connection.iterdump())
    assert "idempotency_records" in dump and issued[0]["id"] in dump
    assert not any(key["key"] in dump or key["key"][4:] in dump for key in issued)
    log = platform.logs("gateway")
    assert all(f'"key_id": "{key["id"]}"' in log for key in issued) and '"role": "operator"' in log
