"""Business surveys and the public partner directory end to end: operators define, invite, open
and close; a business answers once and edits until the close; results and an XLSX/CSV export;
consent lists a business publicly (no key needed) and withdrawal removes it at once. Another
business's ids answer 404 on every route."""
import csv
import io
import uuid

import openpyxl
import pytest
import requests

from tests.support.platform import eventually

pytestmark = pytest.mark.broker

SURVEY = {"title": "令和8年度 事業者の社会貢献活動アンケート", "description": "ご協力をお願いします。",
          "questions": [
              {"id": "q1", "text": "社会貢献活動に取り組んでいますか", "kind": "single",
               "required": True, "options": ["はい", "いいえ"]},
              {"id": "q2", "text": "関心のある分野", "kind": "multiple",
               "options": ["防災", "福祉", "環境"]},
              {"id": "q3", "text": "協働への関心度", "kind": "scale", "required": True},
              {"id": "q4", "text": "従業員数", "kind": "number", "minimum": 1},
              {"id": "q5", "text": "ご意見", "kind": "text"}]}


@pytest.fixture(scope="module")
def world(platform):
    shops = []
    for name in ("岩国アンケート商事", "玖珂アンケート工業", "錦アンケート銀行"):
        created = platform.call("POST", "/organisations", body={
            "name": name, "name_kana": "あんけーと", "kind": "business", "region": "kuga",
            "fields": ["environment"], "description": "事業者です。"})
        assert created.status_code == 201, created.text
        shops.append({"id": created.json()["id"],
                      "key": platform.key_for("partner", created.json()["id"])})
    survey = platform.call("POST", "/reports/surveys", body=SURVEY)
    assert survey.status_code == 201, survey.text
    survey_id = survey.json()["survey_id"]
    invited = platform.call("POST", f"/reports/surveys/{survey_id}/invitations",
                            body={"partner_ids": [shops[0]["id"], shops[1]["id"]]})
    assert invited.json()["invited"] == 2
    assert platform.call("POST", f"/reports/surveys/{survey_id}/open").json()["status"] == "open"
    return {"shops": shops, "survey_id": survey_id}


def test_a_business_answers_edits_and_the_close_freezes_it(platform, world):
    shop, survey_id = world["shops"][0], world["survey_id"]
    path = f"/reports/surveys/{survey_id}/answer"
    first = platform.call("PUT", path, shop["key"], body={"answers": {
        "q1": "はい", "q2": ["防災", "環境"], "q3": 4, "q4": 35, "q5": "𠮷野さんと協働したい"}})
    assert first.status_code == 200, first.text
    bad = platform.call("PUT", path, shop["key"], body={"answers": {"q1": "たぶん", "q3": "高い"}})
    assert bad.status_code == 422 and {"answers.q1", "answers.q3"} <= set(bad.json()["errors"])
    assert platform.call("GET", path, shop["key"]).json()["answers"]["q1"] == "はい"  # unchanged
    edited = platform.call("PUT", path, shop["key"], body={"answers": {"q1": "はい", "q3": 5,
                                                                       "q5": "𠮷野さんと協働したい"}})
    assert edited.json()["answers"]["q3"] == 5
    other = world["shops"][1]
    platform.call("PUT", path, other["key"], body={"answers": {"q1": "いいえ", "q3": 2}})

    results = platform.call("GET", f"/reports/surveys/{survey_id}/results").json()
    assert (results["invited"], results["responses"], results["response_rate"]) == (2, 2, 100)
    assert results["questions"][0]["counts"] == {"はい": 1, "いいえ": 1}
    assert results["questions"][4]["texts"] == ["𠮷野さんと協働したい"]
    as_partner = platform.call("GET", f"/reports/surveys/{survey_id}/results", shop["key"]).json()
    assert as_partner["questions"][4]["texts"] == []  # free text: operators only

    asked = platform.call("POST", "/reports/jobs", body={
        "report_kind": "survey_results", "survey_id": survey_id, "formats": ["xlsx", "csv"]})
    assert asked.status_code == 202, asked.text
    job_id = asked.json()["job_id"]
    eventually(lambda: platform.call("GET", f"/reports/jobs/{job_id}").json()["status"] == "done",
               timeout=60)
    book = openpyxl.load_workbook(io.BytesIO(
        platform.call("GET", f"/reports/jobs/{job_id}/files/xlsx").content))
    assert book.sheetnames[0] == "概要" and book.worksheets[1]._charts
    text = platform.call("GET", f"/reports/jobs/{job_id}/files/csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert ["𠮷野さんと協働したい"] in rows and ["はい", "1", "50.0"] in rows

    assert platform.call("POST", f"/reports/surveys/{survey_id}/close").status_code == 200
    late = platform.call("PUT", path, shop["key"], body={"answers": {"q1": "いいえ", "q3": 1}})
    assert late.status_code == 409 and "survey_id" in late.json()["errors"]
    assert platform.call("GET", path, shop["key"]).json()["answers"]["q3"] == 5


def test_another_business_gets_404_on_every_survey_route(platform, world):
    outsider, survey_id = world["shops"][2], world["survey_id"]
    for method, path, body in (
            ("GET", f"/reports/surveys/{survey_id}", None),
            ("GET", f"/reports/surveys/{survey_id}/answer", None),
            ("PUT", f"/reports/surveys/{survey_id}/answer", {"answers": {"q1": "はい", "q3": 3}}),
            ("GET", f"/reports/surveys/{survey_id}/results", None),
            ("GET", f"/reports/surveys/{uuid.uuid4()}", None)):
        answer = platform.call(method, path, outsider["key"], body=body)
        assert answer.status_code == 404, (method, path, answer.text)
    assert platform.call("GET", "/reports/surveys", outsider["key"]).json()["items"] == []
    assert platform.call("GET", "/reports/surveys", outsider["key"],
                         params={"status": "draft"}).json()["items"] == []
    assert platform.call("POST", f"/reports/surveys/{survey_id}/close",
                         outsider["key"]).status_code == 403
    assert platform.call("POST", "/reports/jobs", outsider["key"], body={
        "report_kind": "survey_results", "survey_id": survey_id,
        "formats": ["csv"]}).status_code == 403


def test_surveys_are_listed_by_status_a_page_at_a_time_and_bad_filters_are_refused(platform, world):
    shop, survey_id = world["shops"][0], world["survey_id"]
    draft = platform.call("POST", "/reports/surveys", body={**SURVEY, "title": "下書きの調査"})
    assert draft.status_code == 201, draft.text
    draft_id = draft.json()["survey_id"]
    platform.call("POST", f"/reports/surveys/{draft_id}/invitations", body={"partner_ids": [shop["id"]]})

    def ids(key=None, **params):
        found, cursor = [], None
        while True:
            page = platform.call("GET", "/reports/surveys", key, params={
                **params, "limit": 1, **({"cursor": cursor} if cursor else {})})
            assert page.status_code == 200, page.text
            found += [item["survey_id"] for item in page.json()["items"]]
            cursor = page.json()["next_cursor"]
            if cursor is None:
                return found

    assert ids(status="draft")[0] == draft_id and survey_id not in ids(status="draft")
    assert draft_id not in ids(status="open") + ids(status="closed")
    everything = ids()
    assert everything.index(draft_id) < everything.index(survey_id)  # newest first
    assert draft_id not in ids(shop["key"]) and ids(shop["key"], status="draft") == []
    for params, field in (({"status": "finished"}, "status"), ({"limit": 0}, "limit"),
                          ({"cursor": "not-a-cursor"}, "cursor")):
        refused = platform.call("GET", "/reports/surveys", params=params)
        assert refused.status_code == 422 and field in refused.json()["errors"], refused.text


def test_the_public_directory_lists_only_consenting_businesses(platform, world):
    shop, other = world["shops"][0], world["shops"][2]
    public = platform.url + "/reports/partner-directory"
    assert requests.get(public, timeout=10).json()["items"] == []  # nobody consented yet
    offer = platform.call("POST", "/offers", shop["key"], body={
        "kind": "goods", "title": "防災用品の寄贈", "fields": ["disaster_prevention"],
        "quantity": 50, "unit": "個", "regions": ["kuga"], "starts": "2026-12-01",
        "ends": "2027-03-31"})
    assert offer.status_code == 201, offer.text
    listed = platform.call("PUT", f"/reports/partners/{shop['id']}/directory-listing", shop["key"],
                           body={"display_name": "岩国アンケート商事", "message": "防災用品を提供します"})
    assert listed.status_code == 200, listed.text
    entries = eventually(lambda: (items := requests.get(public, timeout=10).json()["items"])
                         and items[0]["offer_kinds"] and items)
    assert [(e["partner_id"], e["display_name"], e["offer_kinds"], e["regions"]) for e in entries] \
        == [(shop["id"], "岩国アンケート商事", ["goods"], ["kuga"])]
    assert 11 in entries[0]["sdgs"]
    assert platform.call("PUT", f"/reports/partners/{shop['id']}/directory-listing", other["key"],
                         body={"display_name": "なりすまし"}).status_code == 404
    assert platform.call("DELETE", f"/reports/partners/{shop['id']}/directory-listing",
                         other["key"]).status_code == 404
    gone = platform.call("DELETE", f"/reports/partners/{shop['id']}/directory-listing", shop["key"])
    assert gone.status_code == 200 and gone.json()["listed"] is False
    assert requests.get(public, timeout=10).json()["items"] == []  # at once
