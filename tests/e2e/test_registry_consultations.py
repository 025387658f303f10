"""Consultations through the gateway: operators only, status machine, the caseload in reports."""
import uuid

import pytest

from tests.support.platform import eventually

pytestmark = pytest.mark.broker


def test_an_operator_records_follows_up_and_the_caseload_counts_it(platform):
    group = platform.call("POST", "/organisations", body={
        "name": "錦町ふるさと振興会", "name_kana": "ニシキチョウフルサトシンコウカイ",
        "kind": "regional_group", "region": "nishiki", "fields": ["community_development"]}).json()
    opened = platform.call("POST", "/consultations", body={
        "channel": "counter", "topics": ["funding"], "organisation_id": group["id"],
        "person": "代表の方", "notes": "補助金の申請について"})
    assert opened.status_code == 201, opened.text
    case = opened.json()
    moved = platform.call("POST", f"/consultations/{case['id']}/status",
                          body={"status": "in_progress", "coordinator": "佐藤"})
    assert moved.status_code == 200 and moved.json()["coordinator"] == "佐藤"
    backwards = platform.call("POST", f"/consultations/{case['id']}/status", body={"status": "open"})
    assert backwards.status_code == 409
    follow = platform.call("POST", f"/consultations/{case['id']}/follow-ups",
                           body={"note": "申請書の下書きを確認"})
    assert follow.status_code == 200 and len(follow.json()["follow_ups"]) == 1
    bad = platform.call("POST", "/consultations", body={"channel": "fax", "topics": ["funding"]})
    assert bad.status_code == 422 and "channel" in bad.json()["errors"]

    def counted():
        load = platform.call("GET", "/reports/consultations").json()
        return load if load.get("follow_ups", 0) >= 1 and load["by_status"].get("in_progress") else None
    load = eventually(counted)
    assert load["by_channel"]["counter"] >= 1
    assert any(r["topic"] == "funding" and r["status"] == "in_progress" for r in load["rows"])

    group_key = platform.key_for("organisation", group["id"])
    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    for key in (group_key, citizen):
        assert platform.call("GET", f"/consultations/{case['id']}", key).status_code == 403
        assert platform.call("GET", "/consultations", key).status_code == 403
        assert platform.call("GET", "/reports/consultations", key).status_code == 403
    assert platform.call("GET", "/consultations", params={"topic": "funding"}).json()["items"]
