"""Matching end to end over real processes: profiles, explained candidates both ways, the match
lifecycle with consent-gated contact and a waitlist, notifications to both parties."""
import time
import uuid

import pytest

from tests.support.platform import eventually

pytestmark = [pytest.mark.broker, pytest.mark.own_platform]

ORGANISATION = {"name": "玖珂見守りの会", "name_kana": "くがみまもりのかい", "kind": "citizen_group",
                "region": "kuga", "fields": ["welfare"], "description": "玖珂地域の高齢者見守り活動です。"}
PROFILE = {"age_band": "20代", "skills": {"first_aid": 3, "cooking": 2}, "interests": ["welfare"],
           "regions": ["kuga"], "home_region": "kuga", "weekly_availability": [{"weekday": 5, "band": "morning"}],
           "max_hours_per_month": 12, "first_timer": True,
           "contact": {"email": "hanako@example.jp", "phone": "090-1234-5678"}}
NEED = {"title": "見守り訪問の同行", "kind": "volunteer_shift", "slots": 1, "required_skills": {"first_aid": 2},
        "preferred_skills": {"cooking": 2}, "youth_friendly": True, "first_step": True,
        "schedule": {"dates": [{"on": "2027-01-09", "band": "morning", "hours": 3}]}}


@pytest.fixture(scope="module")
def world(platform):
    organisation = platform.call("POST", "/organisations", body=ORGANISATION).json()
    group = platform.key_for("organisation", organisation["id"])
    people = {}
    for name in ("hanako", "jiro"):
        talent_id = str(uuid.uuid4())
        key = platform.key_for("citizen", talent_id)
        created = platform.call("POST", "/talents", key, body=PROFILE)
        assert created.status_code == 201, created.text
        people[name] = {"id": talent_id, "key": key}
    need = eventually(lambda: (r := platform.call("POST", "/needs", group, body=NEED)).status_code == 201 and r).json()
    return {"organisation": organisation, "group": group, "need": need, **people}


def test_a_citizen_owns_their_profile_and_an_organisation_cannot_read_it(platform, world):
    me = world["hanako"]
    mine = platform.call("GET", f"/talents/{me['id']}", me["key"]).json()
    assert mine["id"] == me["id"] and mine["contact"]["email"] == "hanako@example.jp"
    assert platform.call("GET", f"/talents/{me['id']}", world["group"]).status_code == 403
    assert platform.call("GET", f"/talents/{me['id']}", world["jiro"]["key"]).status_code == 403
    changed = platform.call("PATCH", f"/talents/{me['id']}", me["key"], body={"languages": ["ja", "en"]})
    assert changed.status_code == 200 and changed.json()["languages"] == ["ja", "en"]


def test_bad_profiles_get_field_messages(platform, world):
    key = platform.key_for("citizen", str(uuid.uuid4()))
    response = platform.call("POST", "/talents", key, body={**PROFILE, "age_band": "1999-04-01",
                                                            "skills": {"first_aid": 9}})
    assert response.status_code == 422
    assert {"age_band", "skills"} <= set(response.json()["errors"])


def test_the_need_keeps_its_schedule_skills_and_flags(world):
    need = world["need"]
    assert need["required_skills"] == {"first_aid": 2} and need["first_step"] and need["youth_friendly"]
    assert need["schedule"]["dates"] == [{"on": "2027-01-09", "band": "morning", "hours": 3.0}]
    assert (need["region"], need["filled"]) == ("kuga", 0)


def test_candidates_are_ranked_and_explained_for_the_owner_only(platform, world):
    started = time.monotonic()
    response = platform.call("GET", f"/needs/{world['need']['id']}/candidates", world["group"])
    elapsed_ms = (time.monotonic() - started) * 1000
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert {i["talent_id"] for i in items} == {world["hanako"]["id"], world["jiro"]["id"]}
    best = items[0]
    assert best["weights_version"] == "2026-11-v1" and 0 < best["score"] <= 1.08
    assert set(best["breakdown"]) >= {"skills", "interest", "region", "schedule", "capacity", "fairness"}
    assert "必須スキル1/1" in best["explanation_ja"] and "required skills 1/1" in best["explanation_en"]
    place = best["breakdown"]["region"]["region"]
    assert place not in best["explanation_ja"], "people read region names (由宇), not codes (yu)"
    assert "contact" not in best and "hanako" not in response.text
    print(f"candidates over the gateway: {elapsed_ms:.1f} ms")
    other = platform.call("POST", "/organisations", body={**ORGANISATION, "name": "別の会"}).json()
    stranger = platform.key_for("organisation", other["id"])
    assert platform.call("GET", f"/needs/{world['need']['id']}/candidates", stranger).status_code == 403


def test_opportunities_are_ranked_for_the_talent(platform, world):
    me = world["jiro"]
    items = platform.call("GET", f"/talents/{me['id']}/opportunities", me["key"]).json()["items"]
    assert world["need"]["id"] in [i["need"]["id"] for i in items]
    assert items[0]["explanation_ja"]
    assert platform.call("GET", f"/talents/{me['id']}/opportunities", world["hanako"]["key"]).status_code == 403


def test_the_lifecycle_releases_contact_on_confirmation_and_promotes_the_waitlist(platform, world):
    hanako, jiro, group, need = world["hanako"], world["jiro"], world["group"], world["need"]
    invited = platform.call("POST", "/matches", group, body={"need_id": need["id"], "talent_id": hanako["id"]})
    assert invited.status_code == 201, invited.text
    invited = invited.json()
    applied = platform.call("POST", "/matches", jiro["key"], body={"need_id": need["id"]}).json()
    assert (invited["status"], applied["proposed_by"]) == ("proposed", "talent")

    assert platform.call("POST", f"/matches/{invited['id']}/accept", group).status_code == 403
    accepted = platform.call("POST", f"/matches/{invited['id']}/accept", hanako["key"]).json()
    assert accepted["status"] == "accepted" and accepted["contact"] is None
    waitlisted = platform.call("POST", f"/matches/{applied['id']}/accept", group).json()
    assert waitlisted["status"] == "waitlisted"  # one slot only

    before = platform.call("GET", f"/matches/{invited['id']}", group).json()
    assert before["contact"] is None
    sent = platform.call("POST", f"/matches/{invited['id']}/messages", group, body={"body": "集合は公民館です"})
    assert sent.status_code == 201, sent.text
    platform.call("POST", f"/matches/{invited['id']}/messages", hanako["key"], body={"body": "承知しました"})
    thread = platform.call("GET", f"/matches/{invited['id']}/messages", hanako["key"]).json()["items"]
    assert [(m["by"], m["body"]) for m in thread] == [("organisation", "集合は公民館です"), ("talent", "承知しました")]
    assert platform.call("GET", f"/matches/{invited['id']}/messages", jiro["key"]).status_code == 403
    confirmed = platform.call("POST", f"/matches/{invited['id']}/confirm", group).json()
    assert confirmed["status"] == "confirmed" and confirmed["contact"]["email"] == "hanako@example.jp"

    withdrawn = platform.call("POST", f"/matches/{invited['id']}/withdraw", hanako["key"]).json()
    assert withdrawn["status"] == "withdrawn"
    promoted = platform.call("GET", f"/matches/{applied['id']}", jiro["key"]).json()
    assert promoted["status"] == "accepted"
    confirmed = platform.call("POST", f"/matches/{applied['id']}/confirm", jiro["key"]).json()
    assert confirmed["status"] == "confirmed" and confirmed["contact"] is None  # the talent sees no contact field
    logged = platform.call("POST", f"/matches/{applied['id']}/hours", jiro["key"], body={"hours": 3})
    assert logged.status_code == 200, logged.text
    done = platform.call("POST", f"/matches/{applied['id']}/approve", group).json()
    assert (done["status"], done["hours"]) == ("completed", 3.0)
    feedback = platform.call("POST", f"/matches/{applied['id']}/feedback", jiro["key"], body={"rating": 5})
    assert feedback.json()["feedback"]["talent"]["rating"] == 5
    bad = platform.call("POST", f"/matches/{applied['id']}/hours", jiro["key"], body={"hours": -1})
    assert bad.status_code == 422 and "hours" in bad.json()["errors"]

    def inbox_titles(key):
        items = platform.call("GET", "/inbox", key).json()["items"]
        return [m["title"] for m in items]
    titles = eventually(lambda: (t := inbox_titles(jiro["key"])) and any("完了" in x for x in t) and t)
    assert any("順番待ち" in t for t in titles) and any("繰り上がり" in t for t in titles)
    group_titles = eventually(lambda: (t := inbox_titles(group)) and any("連絡先" in x for x in t) and t)
    assert any("活動時間の承認" in t for t in group_titles)
    hanako_titles = eventually(lambda: (t := inbox_titles(hanako["key"])) and any("確定" in x for x in t) and t)
    assert any("メッセージ" in t for t in hanako_titles)


def test_operators_see_exposure_per_age_band_and_region(platform, world):
    report = platform.call("GET", "/matching/exposure").json()
    [twenties] = [r for r in report["rows"] if r["dimension"] == "age_band" and r["group"] == "20代"]
    assert twenties["pool"] >= 2 and twenties["shown"] >= 2 and twenties["invited"] >= 1
    assert platform.call("GET", "/matching/exposure", world["group"]).status_code == 403


def test_openapi_documents_the_matching_routes(platform):
    paths = platform.call("GET", "/openapi.json").json()["paths"]
    for path in ("/api/v1/talents", "/api/v1/needs/{need_id}/candidates",
                 "/api/v1/talents/{talent_id}/opportunities", "/api/v1/matches/{match_id}/confirm"):
        assert path in paths, path


def test_an_operator_runs_the_optimal_batch_assignment(platform, world):
    need = platform.call("POST", "/needs", world["group"], body={**NEED, "title": "配食ボランティア", "slots": 2}).json()
    response = platform.call("POST", "/matching/assign", body={"need_ids": [need["id"]]})
    assert response.status_code == 201, response.text
    proposals = response.json()["proposals"]
    assert {p["talent_id"] for p in proposals} == {world["hanako"]["id"], world["jiro"]["id"]}
    assert all(p["status"] == "proposed" and p["proposed_by"] == "operator" for p in proposals)
    assert platform.call("POST", "/matching/assign", world["group"], body={}).status_code == 403


def test_a_partner_posts_and_edits_only_its_own_csr_offer_matched_to_needs(platform, world):
    business = platform.call("POST", "/organisations", body={
        **ORGANISATION, "name": "玖珂建設株式会社", "name_kana": "くがけんせつ", "kind": "business"})
    assert business.status_code == 201, business.text
    partner = platform.key_for("partner", business.json()["id"])
    offer_body = {"kind": "staff_time", "title": "社員による見守り同行", "skills": {"first_aid": 3},
                  "fields": ["welfare"], "quantity": 4, "unit": "人", "regions": ["kuga"],
                  "starts": "2027-01-01", "ends": "2027-01-31"}
    offer = eventually(lambda: (r := platform.call("POST", "/offers", partner, body=offer_body)).status_code == 201
                       and r).json()
    ranked = platform.call("GET", f"/offers/{offer['id']}/needs", partner).json()["items"]
    assert world["need"]["id"] in [r["need"]["id"] for r in ranked]
    assert ranked[0]["explanation_ja"] and ranked[0]["weights_version"] == "2026-11-offers-v1"
    back = platform.call("GET", f"/needs/{world['need']['id']}/offers", world["group"]).json()["items"]
    assert offer["id"] in [r["offer"]["id"] for r in back]
    other = platform.call("POST", "/organisations", body={
        **ORGANISATION, "name": "別の会社", "name_kana": "べつのかいしゃ", "kind": "business"}).json()
    stranger = platform.key_for("partner", other["id"])
    assert platform.call("PATCH", f"/offers/{offer['id']}", stranger, body={"status": "closed"}).status_code == 403
    assert platform.call("GET", f"/offers/{offer['id']}/needs", stranger).status_code == 403
    closed = platform.call("PATCH", f"/offers/{offer['id']}", partner, body={"status": "closed"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    for wrong, field in (({"kind": "bribe"}, "kind"), ({"ends": "2026-01-01"}, "ends")):
        bad = platform.call("POST", "/offers", partner, body={**offer_body, **wrong})
        assert bad.status_code == 422 and field in bad.json()["errors"], bad.text
    assert eventually(lambda: [m for m in platform.call("GET", "/inbox", partner).json()["items"]
                               if "CSR" in m["title"]])
