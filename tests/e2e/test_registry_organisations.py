"""Organisations in depth through the gateway: self-registration, review, owner updates,
per-field visibility, Japanese search, and the reports read model fed by the review events."""
import uuid

import pytest

from tests.support.platform import eventually

pytestmark = [pytest.mark.broker, pytest.mark.own_platform]

CONTACTS = [
    {"channel": "website", "value": "https://kuga-kosodate.example.jp", "visibility": "public"},
    {"channel": "email", "value": "kuga@example.jp", "visibility": "members"},
    {"channel": "phone", "value": "0827-82-0000", "visibility": "operators", "label": "代表"},
]
APPLICATION = {"name": "玖珂ひよこ子育てクラブ", "name_kana": "くがひよここそだてくらぶ",
               "kind": "citizen_group", "region": "kuga", "town": "玖珂町野口",
               "fields": ["childcare"], "description": "玖珂地区で親子の遊び場を開いています。",
               "founded_year": 2019, "member_count": 18, "members_in_city": 17,
               "contacts": CONTACTS, "legal_form": "none", "social_business": False}


@pytest.fixture(scope="module")
def reviewed(platform):
    """A citizen applies, an operator verifies, the group gets its own key."""
    citizen_key = platform.key_for("citizen", str(uuid.uuid4()))
    applied = platform.call("POST", "/organisations", citizen_key, body=APPLICATION)
    assert applied.status_code == 201, applied.text
    organisation = applied.json()
    verified = platform.call("POST", f"/organisations/{organisation['id']}/verify")
    assert verified.status_code == 200, verified.text
    group_key = platform.key_for("organisation", organisation["id"])
    return {"applied": organisation, "verified": verified.json(), "citizen_key": citizen_key,
            "group_key": group_key}


def test_self_registration_is_pending_and_visible_to_the_applicant_only(platform, reviewed):
    assert reviewed["applied"]["status"] == "pending"
    citizen = platform.call("POST", "/organisations", reviewed["citizen_key"], body={
        **APPLICATION, "name": "別の申請団体", "name_kana": "ベツノシンセイダンタイ"}).json()
    stranger = platform.key_for("citizen", str(uuid.uuid4()))
    assert platform.call("GET", f"/organisations/{citizen['id']}", stranger).status_code == 404
    assert platform.call("GET", f"/organisations/{citizen['id']}",
                         reviewed["citizen_key"]).json()["status"] == "pending"
    listed = platform.call("GET", "/organisations", stranger, params={"q": "別の申請団体"}).json()
    assert listed["items"] == []
    rejected = platform.call("POST", f"/organisations/{citizen['id']}/reject",
                             body={"reason": "活動実態を確認できませんでした"})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    seen = platform.call("GET", f"/organisations/{citizen['id']}", reviewed["citizen_key"]).json()
    assert seen["status_reason"] == "活動実態を確認できませんでした"


def test_a_rejection_needs_a_reason_and_only_operators_review(platform, reviewed):
    organisation_id = reviewed["applied"]["id"]
    missing = platform.call("POST", f"/organisations/{organisation_id}/reject", body={})
    assert missing.status_code == 422 and "reason" in missing.json()["errors"]
    for key in (reviewed["citizen_key"], reviewed["group_key"]):
        assert platform.call("POST", f"/organisations/{organisation_id}/verify", key).status_code == 403


def test_public_views_show_public_contacts_only(platform, reviewed):
    organisation_id = reviewed["applied"]["id"]
    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    partner = platform.key_for("partner", platform.business())

    def channels(key):
        body = platform.call("GET", f"/organisations/{organisation_id}", key).json()
        return [c["channel"] for c in body["contacts"]], body

    public, body = channels(citizen)
    assert public == ["website"]
    assert body["registered_by"] == "" and "0827" not in str(body) and "kuga@" not in str(body)
    assert channels(partner)[0] == ["website", "email"]
    assert channels(reviewed["group_key"])[0] == ["website", "email", "phone"]
    operator_view = channels(None)[1]
    assert operator_view["registered_by"].startswith("citizen:")
    listed = platform.call("GET", "/organisations", citizen, params={"q": "ひよこ"}).json()["items"]
    assert [[c["channel"] for c in o["contacts"]] for o in listed] == [["website"]]


def test_the_representative_updates_its_own_organisation_but_not_the_kind(platform, reviewed):
    organisation_id = reviewed["applied"]["id"]
    updated = platform.call("PATCH", f"/organisations/{organisation_id}", reviewed["group_key"],
                            body={"member_count": 25, "fields": ["childcare", "intergenerational"]})
    assert updated.status_code == 200, updated.text
    assert updated.json()["member_count"] == 25
    kind = platform.call("PATCH", f"/organisations/{organisation_id}", reviewed["group_key"],
                         body={"kind": "npo"})
    assert kind.status_code == 403
    other = platform.call("POST", "/organisations", body={
        "name": "玖珂ほかの会", "name_kana": "クガホカノカイ", "kind": "citizen_group",
        "region": "kuga", "fields": ["welfare"]}).json()
    hijack = platform.call("PATCH", f"/organisations/{other['id']}", reviewed["group_key"],
                           body={"description": "書き換え"})
    assert hijack.status_code == 403
    bad = platform.call("PATCH", f"/organisations/{organisation_id}", reviewed["group_key"],
                        body={"contacts": [{"channel": "email", "value": "x@example.jp",
                                            "visibility": "friends"}]})
    assert bad.status_code == 422 and "contacts" in bad.json()["errors"]


def test_search_in_any_kana_form_with_filters(platform, reviewed):
    for q in ("ヒヨコ", "ｺｿﾀﾞﾃ ｸﾗﾌﾞ", "玖珂 子育て", "ひよこ"):
        found = platform.call("GET", "/organisations", params={"q": q}).json()["items"]
        assert reviewed["applied"]["id"] in [o["id"] for o in found], q
    assert platform.call("GET", "/organisations", params={
        "q": "ひよこ", "region": "miwa"}).json()["items"] == []
    assert len(platform.call("GET", "/organisations", params={
        "q": "ひよこ", "field": "childcare", "verified": "true"}).json()["items"]) == 1


def test_reports_count_verified_organisations_from_the_review_events(platform, reviewed):
    def kuga():
        regions = platform.call("GET", "/reports/summary").json()["regions"]
        row = next((r for r in regions if r["region"] == "kuga"), None)
        return row if row and row["verified_organisations"] >= 2 else None
    row = eventually(kuga)
    assert row["organisations"] >= 3  # the rejected application is counted, not verified


def test_openapi_describes_the_new_routes(platform):
    paths = platform.call("GET", "/openapi.json").json()["paths"]
    assert "patch" in paths["/api/v1/organisations/{organisation_id}"]
    assert "post" in paths["/api/v1/organisations/{organisation_id}/reject"]


def test_networks_to_depth_two_and_their_figures(platform, reviewed):
    def new(name):
        return platform.call("POST", "/organisations", body={
            "name": name, "name_kana": "ネットワーク", "kind": "citizen_group", "region": "kuga",
            "fields": ["welfare"]}).json()["id"]
    council, partner = new("玖珂地区社会福祉協議会"), new("玖珂見守り隊")
    own = reviewed["applied"]["id"]
    member = platform.call("POST", f"/organisations/{own}/ties", reviewed["group_key"],
                           body={"related_organisation_id": council, "kind": "member_of"})
    assert member.status_code == 201, member.text
    partner_key = platform.key_for("organisation", partner)
    assert platform.call("POST", f"/organisations/{partner}/ties", partner_key, body={
        "related_organisation_id": council, "kind": "member_of"}).status_code == 201
    foreign = platform.call("POST", f"/organisations/{partner}/ties", reviewed["group_key"],
                            body={"related_organisation_id": own, "kind": "partner_of"})
    assert foreign.status_code == 403
    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    network = platform.call("GET", f"/organisations/{own}/network", citizen).json()
    assert {n["organisation"]["id"]: n["distance"] for n in network["nodes"]} == {
        own: 0, council: 1, partner: 2}
    assert all(c["channel"] == "website" for n in network["nodes"]
               for c in n["organisation"]["contacts"])  # public contacts only
    removed = platform.call("DELETE", f"/organisations/{own}/ties/{member.json()['id']}",
                            reviewed["group_key"])
    assert removed.status_code == 200, removed.text
    assert len(platform.call("GET", f"/organisations/{own}/network").json()["nodes"]) == 1

    def figures():
        body = platform.call("GET", "/reports/networks").json()
        return body if body["ties"] == 1 and body["connected_organisations"] == 2 else None
    assert eventually(figures)["ties_by_kind"] == {"member_of": 1}


def test_the_roster_keeps_each_field_to_its_audience(platform, reviewed):
    own = reviewed["applied"]["id"]
    person = str(uuid.uuid4())
    added = platform.call("POST", f"/organisations/{own}/roster", reviewed["group_key"], body={
        "role": "officer", "title": "代表", "name": "玖珂 花子", "person_id": person,
        "email": "hanako@example.jp", "phone": "090-1111-2222", "name_visibility": "public",
        "email_visibility": "members", "phone_visibility": "operators"})
    assert added.status_code == 201, added.text
    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    partner = platform.key_for("partner", platform.business())
    [public] = platform.call("GET", f"/organisations/{own}/roster", citizen).json()["items"]
    assert (public["name"], public["email"], public["phone"], public["person_id"]) == (
        "玖珂 花子", "", "", None)
    # "members only": the people listed on this roster, not any partner or organisation key
    [outsider] = platform.call("GET", f"/organisations/{own}/roster", partner).json()["items"]
    assert (outsider["name"], outsider["email"], outsider["phone"]) == ("玖珂 花子", "", "")
    [member] = platform.call("GET", f"/organisations/{own}/roster",
                             platform.key_for("citizen", person)).json()["items"]
    assert (member["email"], member["phone"]) == ("hanako@example.jp", "")
    [full] = platform.call("GET", f"/organisations/{own}/roster").json()["items"]
    assert full["phone"] == "090-1111-2222"
    mine = platform.call("GET", "/people/me/memberships",
                         platform.key_for("citizen", person)).json()["items"]
    assert [m["organisation_id"] for m in mine] == [own]
    assert platform.call("POST", f"/organisations/{own}/roster", partner, body={
        "role": "member", "name": "x"}).status_code == 403

    def figures():
        body = platform.call("GET", "/reports/networks").json()
        return body if body["roster_entries_by_role"].get("officer") == 1 else None
    assert eventually(figures)["organisations_with_rosters"] == 1
