"""Generated from the live OpenAPI document: EVERY route, tried with keys of every non-operator
role (organisation, partner, citizen, service) that belong to owner B, against objects of owner
A (path ids of A's objects, A's ids in every id field of the query or body, otherwise the
schema's own examples). An owner-scoped route must refuse all of them: 0 successes. Operator-only
routes refuse non-operators. Routes that are public or act on the caller's own objects by design
are listed in PUBLIC and OWN with the reason (an OWN answer must hold none of A's private
objects); a success anywhere else fails the test. As a control, A's own keys send the same
requests to A's objects on a set of owner-scoped routes and succeed."""
import re
from datetime import datetime, timedelta, timezone
import uuid

import pytest

from tests.support.platform import eventually

pytestmark = pytest.mark.broker

ROLES = ("organisation", "partner", "citizen", "service")

# operationId → why any key may succeed: public reads (A's public objects are meant to be seen).
PUBLIC = {
    "listOrganisations": "公開名簿 / the public directory of verified organisations",
    "getOrganisation": "公開名簿 / a verified organisation's public profile (contacts by visibility)",
    "listFacilities": "公共施設 / public facilities", "getFacility": "公共施設 / a public facility",
    "freeSlots": "空き状況 / free slots of a public room",
    "membershipRate": "統計 / aggregate figures", "associationsForNewcomer": "転入者向け / public list",
    "getNetwork": "公開のつながり / public ties", "getRoster": "公開項目のみ / public fields only",
    "listNeeds": "公開の募集 / public needs", "getNeed": "公開の募集 / a public need",
    "listOffers": "公開のCSR提供 / public offers", "getOffer": "公開のCSR提供 / a public offer",
    "getAnnouncement": "お知らせ / announcements are public", "publicFeed": "公開フィード / public feed",
    "getSummary": "統計 / aggregate figures", "getMembership": "統計 / aggregate figures",
    "getNetworkFigures": "統計 / aggregate figures", "listKpiMeasures": "統計 / aggregate figures",
    "getPlanProgress": "統計 / aggregate figures", "getPartnerDirectory": "公開の事業者名簿 / consented listings",
    "listGatherings": "公開の催し / published workshops, courses and talks",
    "getGathering": "公開の催し（リンクは参加者のみ）/ a published gathering (its link for participants only)",
    "gatheringCalendar": "公開の催し / a published gathering's calendar file",
    "getFundingOpportunity": "公開の助成情報 / a published funding opportunity",
    "listFundingOpportunities": "公開の助成情報 / published funding opportunities",
}
# operationId → why B may succeed on it: it acts on B's own objects only, whatever ids it is sent;
# its answer must hold none of A's private objects.
OWN = {
    "registerOrganisation": "自分の団体を登録 / registers the caller's own organisation",
    "myMemberships": "自分の所属 / the caller's own memberships",
    "listStaffInvitations": "自分宛て・自分が出した招待のみ / only the caller's own invitations",
    "listMatches": "自分のマッチのみ / only the caller's own matches",
    "putSubscription": "自分の購読 / the caller's own subscription",
    "getSubscription": "自分の購読 / the caller's own subscription",
    "getPreferences": "自分の設定 / the caller's own preferences",
    "putPreferences": "自分の設定 / the caller's own preferences",
    "readInbox": "自分の受信箱 / the caller's own inbox", "markAllRead": "自分の受信箱 / own inbox",
    "addContactAddress": "自分の連絡先 / the caller's own address",
    "listContactAddresses": "自分の連絡先 / the caller's own addresses",
    "registerWebhookEndpoint": "自分のWebhook / the caller's own endpoint",
    "listWebhookEndpoints": "自分のWebhook / the caller's own endpoints",
    "listReportJobs": "自分の依頼のみ / only the caller's own report jobs",
    "listSurveys": "自分が招待された調査のみ / only surveys the caller is invited to",
    "listApiKeys": "自分のキーのみ（秘密なし）/ only the caller's own keys, without secrets",
    "myCalendar": "自分の申し込みのみ / only the caller's own sign-ups",
    "getCalendarFeed": "自分の購読URL / the caller's own calendar feed URL",
    "rotateCalendarFeed": "自分の購読URLを再発行 / rotates the caller's own calendar feed URL",
    "signUp": "自分の申し込み / signs the caller itself up for a published gathering",
}
ALLOWED = {**PUBLIC, **OWN}
# A's objects that only A (and operators) may see.
PRIVATE = ("talent_id", "sign_up_id", "application_id", "invitation_id", "match_id", "address_id", "endpoint_id", "job_id", "booking_id",
           "message_id")

# Values that are not ids of an owner's object, for paths and bodies alike.
FIXED_VALUES = {"format": "csv", "fiscal_year": 2026, "service": "matching", "letter_id": 1,
               "code": "volunteer_hours"}


@pytest.fixture(scope="module")
def owner_a(platform):
    """One of each object, owned by A: their ids, and A's keys."""
    call = platform.call

    def created(path, key=None, body=None, status=201):
        """Retried while the events a creation depends on (a registered organisation) arrive."""
        answers = []
        eventually(lambda: answers.append(call("POST", path, key, body=body)) or answers[-1].status_code
                   in (status, 400, 401, 403, 415, 422))
        assert answers[-1].status_code == status, (path, answers[-1].text)
        return answers[-1].json()

    def organisation(name, kind="citizen_group"):
        found = created("/organisations", body={"name": name, "name_kana": "テスト", "kind": kind,
                                                "region": "yu", "fields": ["welfare"]})
        assert call("POST", f"/organisations/{found['id']}/verify").status_code == 200
        return found["id"]

    group_id, business_id, other_id = (organisation("由宇所有者Aの会"), organisation("所有者A株式会社", "business"),
                                       organisation("由宇関係団体"))
    group, partner = platform.key_for("organisation", group_id), platform.key_for("partner", business_id)
    talent_id = str(uuid.uuid4())
    citizen = platform.key_for("citizen", talent_id)
    created("/talents", citizen, {"age_band": "30代", "skills": {"first_aid": 3}, "regions": ["yu"],
                                  "home_region": "yu", "max_hours_per_month": 10,
                                  "weekly_availability": [{"weekday": 5, "band": "morning"}],
                                  "contact": {"email": "owner.a@example.jp"}})
    need = created("/needs", group, {"title": "所有者Aの募集", "kind": "volunteer_shift", "slots": 2,
                                     "required_skills": {"first_aid": 2},
                                     "schedule": {"dates": [{"on": "2027-01-09", "band": "morning", "hours": 3}]}})
    offer = created("/offers", partner, {"kind": "staff_time", "title": "所有者Aの提供", "skills": {"first_aid": 3},
                                         "fields": ["welfare"], "quantity": 2, "unit": "人", "regions": ["yu"],
                                         "starts": "2026-10-01", "ends": "2027-03-31"})
    invitation = created("/staff-invitations", partner, {"offer_id": offer["id"], "person_id": talent_id})
    match = created("/matches", citizen, {"need_id": need["id"]})
    created(f"/matches/{match['id']}/messages", citizen, {"body": "所有者Aのメッセージ"})
    entry = created(f"/organisations/{group_id}/roster", group, {"role": "member", "name": "所有者A 花子",
                                                                 "person_id": talent_id})
    tie = created(f"/organisations/{group_id}/ties", group, {"related_organisation_id": other_id,
                                                             "kind": "member_of"})
    facility = created("/facilities", body={
        "name": "美和テストセンター", "name_kana": "みわてすとせんたー", "region": "miwa", "town": "美和町渋前",
        "address": "岩国市美和町渋前1番地", "rooms": [{"name": "研修室", "capacity": 30}],
        "opening_hours": {"open": "09:00", "close": "21:00"}})
    room_id = facility["rooms"][0]["id"]
    booking = created("/bookings", group, {"room_id": room_id, "starts_at": "2027-02-06T10:00:00+09:00",
                                           "ends_at": "2027-02-06T12:00:00+09:00", "attendees": 5,
                                           "purpose": "所有者Aの会合"})
    address = created("/notifications/addresses", citizen, {"address": "owner.a.notify@example.jp"})
    endpoint = created("/webhook-endpoints", group, {"url": "https://hooks.example.jp/owner-a",
                                                     "event_types": ["matching.need_posted"]})
    job = created("/reports/jobs", partner, {"report_kind": "partner_annual_csr", "partner_id": business_id,
                                             "fiscal_year": 2026, "formats": ["csv"]}, status=202)
    starts = (datetime.now(timezone.utc) + timedelta(days=20)).replace(microsecond=0)
    gathering = created("/gatherings", group, {
        "title": "所有者Aの講座", "description": "所有者Aの催し", "kind": "talk", "capacity": 5,
        "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "online_url": "https://meet.example.jp/owner-a"})
    sign_up = created(f"/gatherings/{gathering['id']}/sign-ups", citizen, {"seats": 1})
    today = datetime.now(timezone.utc).date()
    opportunity = created("/funding-opportunities", body={
        "funder": "岩国市", "programme": f"所有者Aの助成 {uuid.uuid4().hex[:6]}", "title": "所有者Aの助成",
        "amount_min_yen": 1000, "amount_max_yen": 5000, "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=30)).isoformat()})
    application = created(f"/funding-opportunities/{opportunity['id']}/applications", group, {})
    inbox = eventually(lambda: call("GET", "/inbox", group).json()["items"])
    ids = {"organisation_id": group_id, "partner_id": business_id, "talent_id": talent_id,
            "person_id": talent_id, "need_id": need["id"], "offer_id": offer["id"],
            "invitation_id": invitation["id"], "match_id": match["id"], "entry_id": entry["id"],
            "tie_id": tie["id"], "facility_id": facility["id"], "room_id": room_id,
            "booking_id": booking["id"], "address_id": address["id"], "endpoint_id": endpoint["id"],
            "job_id": job["job_id"], "message_id": inbox[0]["id"],
            "related_organisation_id": other_id, "partner_ids": [business_id],
            "gathering_id": gathering["id"], "sign_up_id": sign_up["id"],
            "opportunity_id": opportunity["id"], "application_id": application["id"]}
    return {"ids": ids, "keys": {"organisation": group, "partner": partner, "citizen": citizen}}


@pytest.fixture(scope="module")
def keys_of_b(platform):
    keys = {}
    for role in ROLES:
        subject = None
        if role in ("organisation", "partner"):
            subject = platform.call("POST", "/organisations", body={
                "name": f"所有者B {role}", "name_kana": "テスト", "kind": "business" if role == "partner"
                else "citizen_group", "region": "kuga", "fields": ["welfare"]}).json()["id"]
        elif role == "citizen":
            subject = str(uuid.uuid4())
        keys[role] = platform.key_for(role, subject)
    return keys


def _resolve(spec, schema):
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _sample(spec, schema, a_ids, name=""):
    """A plausible value: A's id for an id field, else the schema's example, enum or a simple value."""
    schema = _resolve(spec, schema)
    if name in a_ids:
        return a_ids[name]
    if "example" in schema:
        return schema["example"]
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        wanted = set(schema.get("required", [])) | (set(properties) & set(a_ids)) | {
            p for p, v in properties.items() if "example" in v}
        return {p: _sample(spec, properties[p], a_ids, p) for p in wanted if not properties[p].get("readOnly")}
    if kind == "array":
        return [_sample(spec, schema.get("items", {}), a_ids)] if schema.get("minItems") else []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return float(max(1, schema.get("minimum", 1)))
    if kind == "boolean":
        return False
    return {"date": "2027-01-09", "date-time": "2027-01-09T10:00:00+09:00",
            "uuid": str(uuid.uuid4())}.get(schema.get("format"), "テスト")


def _attempts(spec, a_ids):
    a_ids = {**FIXED_VALUES, **a_ids}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if "security" in operation and {} in operation["security"]:
                continue  # answers without a key: a public feed, a signed one-click link
            values = {**FIXED_VALUES, **a_ids}
            filled = re.sub(r"{([a-z_]+)}", lambda m: str(values.get(m.group(1), uuid.uuid4())), path)
            query = {p["name"]: _sample(spec, p["schema"], a_ids, p["name"]) for p in operation.get("parameters", [])
                     if p["in"] == "query" and (p["name"] in a_ids or p.get("required"))}
            body = None
            if "requestBody" in operation:
                body = _sample(spec, operation["requestBody"]["content"]["application/json"]["schema"], a_ids)
            yield operation["operationId"], method.upper(), filled.removeprefix("/api/v1"), query, body


def test_no_key_of_another_owner_succeeds_on_any_route(platform, owner_a, keys_of_b):
    spec = platform.call("GET", "/openapi.json").json()
    attempts = list(_attempts(spec, owner_a["ids"]))
    assert len(attempts) >= 120  # every route of the document, not a hand-picked few
    successes, tried = [], 0
    for operation_id, method, path, query, body in attempts:
        for role, key in keys_of_b.items():
            response = platform.call(method, path, key, body=body, params=query)
            tried += 1
            assert response.status_code < 500, (operation_id, role, response.status_code, response.text)
            if response.status_code >= 300 or operation_id in PUBLIC:
                continue
            leaked = [name for name in PRIVATE if owner_a["ids"][name] in response.text]
            if operation_id not in OWN or leaked:
                successes.append((operation_id, role, method, path, response.status_code, leaked,
                                  response.text[:200]))
    assert successes == [], "\n".join(map(str, successes))
    assert tried == len(attempts) * len(ROLES)


# A's own reads of its objects, made with exactly the requests B's keys sent: they succeed, so
# B's refusals are about ownership, not about ids or bodies that were wrong anyway.
CONTROLS = {"getTalent": "citizen", "getMatch": "citizen", "listMatchMessages": "organisation",
            "getStaffInvitation": "partner", "getBooking": "organisation", "getWebhookEndpoint": "organisation",
            "getReportJob": "partner", "getPartnerLedger": "partner", "getRoster": "organisation",
            "updateTalent": "citizen", "updateOffer": "partner", "listCandidates": "organisation",
            "listOfferNeeds": "partner", "listOpportunities": "citizen"}


def test_owner_a_succeeds_with_the_same_requests(platform, owner_a):
    spec = platform.call("GET", "/openapi.json").json()
    answered = {}
    for operation_id, method, path, query, body in _attempts(spec, owner_a["ids"]):
        if operation_id in CONTROLS:
            response = platform.call(method, path, owner_a["keys"][CONTROLS[operation_id]], body=body, params=query)
            answered[operation_id] = (response.status_code, response.text[:200])
    assert {op: answer for op, answer in answered.items() if answer[0] != 200} == {}
    assert set(answered) == set(CONTROLS)


def test_the_allowed_list_names_only_real_routes(platform):
    spec = platform.call("GET", "/openapi.json").json()
    operation_ids = {op["operationId"] for ops in spec["paths"].values() for op in ops.values()}
    assert set(ALLOWED) <= operation_ids, set(ALLOWED) - operation_ids
