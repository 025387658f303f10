"""The audit log and the vocabularies through the gateway, against the running platform."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests

pytestmark = pytest.mark.broker

AUDIT = "/admin/audit/registry"


def entries(platform, **params):
    response = platform.call("GET", AUDIT, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_writes_and_operator_reads_of_personal_data_are_recorded_and_filterable(platform):
    registered = platform.call("POST", "/organisations", body={
        "name": "美和見守り隊", "name_kana": "ミワミマモリタイ", "kind": "citizen_group",
        "region": "miwa", "fields": ["welfare"]})
    assert registered.status_code == 201, registered.text
    organisation_id = registered.json()["id"]
    [write] = entries(platform, object_id=organisation_id)["items"]
    assert (write["kind"], write["action"], write["role"]) == ("write", "register_organisation",
                                                              "operator")
    assert write["key_id"] and write["correlation_id"] == registered.headers["X-Correlation-Id"]
    assert write["personal_fields"] == []

    added = platform.call("POST", f"/organisations/{organisation_id}/roster", body={
        "role": "officer", "title": "会長", "name": "美和 太郎", "email": "taro@example.jp",
        "phone": "0827-00-0000", "name_visibility": "public", "email_visibility": "operators",
        "phone_visibility": "operators"})
    assert added.status_code == 201, added.text
    entry_id = added.json()["id"]

    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    assert platform.call("GET", f"/organisations/{organisation_id}/roster", citizen).status_code == 200
    read = platform.call("GET", f"/organisations/{organisation_id}/roster")
    assert read.status_code == 200 and read.json()["items"][0]["phone"] == "0827-00-0000"

    reads = entries(platform, object_id=organisation_id, kind="read")["items"]
    assert len(reads) == 1, reads  # not the citizen's, nor the write that answered the entry
    assert reads[0]["action"] == "get_roster"
    assert reads[0]["correlation_id"] == read.headers["X-Correlation-Id"]
    assert set(reads[0]["personal_fields"]) == {"RosterEntry.name", "RosterEntry.email",
                                                "RosterEntry.phone"}
    assert entry_id in reads[0]["object_ids"]
    touching_entry = entries(platform, object_id=entry_id)["items"]
    assert [e["action"] for e in touching_entry] == ["get_roster", "add_roster_entry"]

    first = entries(platform, object_id=organisation_id, limit=1)
    second = entries(platform, object_id=organisation_id, limit=1, cursor=first["next_cursor"])
    assert first["items"][0]["id"] > second["items"][0]["id"]
    later = (datetime.now(timezone.utc) + timedelta(minutes=5)).isoformat()
    assert entries(platform, object_id=organisation_id, **{"from": later})["items"] == []
    assert entries(platform, action="get_roster", key_id=reads[0]["key_id"])["items"]


def test_each_service_keeps_its_own_log_of_who_wrote_and_which_operator_read(platform):
    talent_id = str(uuid.uuid4())
    citizen = platform.key_for("citizen", talent_id)
    created = platform.call("POST", "/talents", citizen, body={
        "age_band": "40代", "skills": {"cooking": 2}, "regions": ["yu"], "max_hours_per_month": 8,
        "contact": {"email": "jiro@example.jp", "phone": "090-0000-1111"}})
    assert created.status_code == 201, created.text
    assert platform.call("GET", f"/talents/{talent_id}", citizen).status_code == 200
    assert platform.call("GET", f"/talents/{talent_id}").json()["contact"]["phone"] == "090-0000-1111"

    response = platform.call("GET", "/admin/audit/matching", params={"object_id": talent_id})
    assert response.status_code == 200, response.text
    read, write = response.json()["items"]
    assert (write["kind"], write["action"], write["role"], write["subject_id"]) == (
        "write", "create_talent", "citizen", talent_id)
    assert (read["kind"], read["action"], read["role"]) == ("read", "get_talent", "operator")
    assert read["personal_fields"] == ["Talent.contact"]
    # Registry's log knows nothing of matching's objects.
    assert entries(platform, object_id=talent_id)["items"] == []


def test_only_operators_read_the_audit_log_and_bad_filters_are_refused(platform):
    group = platform.call("POST", "/organisations", body={
        "name": "錦川クラブ", "name_kana": "ニシキガワクラブ", "kind": "citizen_group",
        "region": "nishiki", "fields": ["sports"]}).json()
    for key in (platform.key_for("organisation", group["id"]),
                platform.key_for("citizen", str(uuid.uuid4()))):
        assert platform.call("GET", AUDIT, key).status_code == 403
    for service in ("matching", "notifications", "reports"):
        assert platform.call("GET", f"/admin/audit/{service}").status_code == 200
    assert platform.call("GET", "/admin/audit/gateway").status_code == 422
    assert platform.call("GET", AUDIT, params={"kind": "delete"}).status_code == 422
    assert platform.call("GET", AUDIT, params={"from": "yesterday"}).status_code == 422
    assert platform.call("GET", AUDIT, params={"from": "0001-01-01T00:00:00+09:00"}).status_code == 422
    assert platform.call("GET", AUDIT, params={"object_id": "a\x00b"}).status_code == 422
    assert platform.call("GET", AUDIT, params={"cursor": "WyJ4Il0"}).status_code in (400, 422)


def test_the_vocabularies_are_public_and_an_unknown_code_names_the_valid_ones(platform):
    answer = requests.get(platform.url + "/vocabularies", timeout=30)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {"code": "yu", "ja": "由宇", "en": "Yū"} in body["regions"]
    assert {"code": "welfare", "ja": "福祉", "en": "Welfare"} in body["fields"]
    assert {"code": "npo", "ja": "NPO法人", "en": "NPO"} in body["organisation_kinds"]
    assert "skilled_task" in {kind["code"] for kind in body["need_kinds"]}
    assert {"code": "first_aid", "ja": "救命・応急手当", "en": "First aid"} in body["skills"]
    assert all(term["ja"] and term["en"] for terms in body.values() for term in terms)

    bad = platform.call("POST", "/organisations", body={
        "name": "架空の会", "name_kana": "カクウノカイ", "kind": "citizen_group",
        "region": "atlantis", "fields": ["welfare", "astrology"]})
    assert bad.status_code == 422
    errors = bad.json()["errors"]
    assert "atlantis" in errors["region"][0] and all(r["code"] in errors["region"][0]
                                                     for r in body["regions"])
    assert "astrology" in errors["fields"][0] and "childcare" in errors["fields"][0]
    wrong_kind = platform.call("POST", "/organisations", body={
        "name": "架空の会", "name_kana": "カクウノカイ", "kind": "club", "region": "yu",
        "fields": ["welfare"]})
    assert wrong_kind.status_code == 422 and "neighbourhood_association" in wrong_kind.text
    unknown_skill = platform.call("POST", "/talents", platform.key_for("citizen", str(uuid.uuid4())),
                                  body={"age_band": "30代", "skills": {"juggling": 2}})
    assert unknown_skill.status_code == 422, unknown_skill.text
    assert "juggling" in unknown_skill.text and "first_aid" in unknown_skill.text
