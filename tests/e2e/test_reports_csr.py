"""The CSR ledger and the partner's annual report end to end: matching's events reach reports,
the partner reads its own ledger, asks for its report (202), and downloads the files; another
partner gets 404 on every route, and bad input changes nothing."""
import csv
import io
import uuid
from urllib.parse import unquote

import openpyxl
import pytest
from pypdf import PdfReader

from tests.support.platform import eventually

pytestmark = pytest.mark.broker

FISCAL_YEAR = 2026  # hours are approved today (December 2026): 令和8年度
GROUP = {"name": "玖珂川を守る会", "name_kana": "くがかわをまもるかい", "kind": "citizen_group",
         "region": "kuga", "fields": ["environment"], "description": "玖珂川の清掃活動です。"}
STAFF = {"age_band": "30代", "skills": {"first_aid": 3}, "interests": ["environment"],
         "regions": ["kuga"], "home_region": "kuga",
         "weekly_availability": [{"weekday": 5, "band": "morning"}], "max_hours_per_month": 12,
         "contact": {"email": "staff@example.co.jp"}}
NEED = {"title": "玖珂川の清掃", "kind": "event_helper", "slots": 3,
        "required_skills": {"first_aid": 2},
        "schedule": {"dates": [{"on": "2027-01-09", "band": "morning", "hours": 3}]}}


def _business(platform, name, kana):
    created = platform.call("POST", "/organisations", body={
        **GROUP, "name": name, "name_kana": kana, "kind": "business", "fields": ["environment"]})
    assert created.status_code == 201, created.text
    return created.json()["id"]


@pytest.fixture(scope="module")
def world(platform):
    shop = _business(platform, "玖珂テック株式会社", "くがてっく")
    other = _business(platform, "別の会社", "べつのかいしゃ")
    partner, stranger = platform.key_for("partner", shop), platform.key_for("partner", other)
    group_id = platform.call("POST", "/organisations", body=GROUP).json()["id"]
    group = platform.key_for("organisation", group_id)
    offer = eventually(lambda: (r := platform.call("POST", "/offers", partner, body={
        "kind": "staff_time", "title": "社員による河川清掃", "skills": {"first_aid": 3},
        "fields": ["environment"], "quantity": 3, "unit": "人", "regions": ["kuga"],
        "starts": "2026-10-01", "ends": "2027-03-31"})).status_code == 201 and r).json()
    need = eventually(lambda: (r := platform.call("POST", "/needs", group, body=NEED))
                      .status_code == 201 and r).json()
    staff_id = str(uuid.uuid4())
    staff = platform.key_for("citizen", staff_id)
    # a staff profile needs both consents: the person's own profile, the business's invitation,
    # the person's acceptance
    created = platform.call("POST", "/talents", staff, body=STAFF)
    assert created.status_code == 201, created.text
    invited = platform.call("POST", "/staff-invitations", partner,
                            body={"offer_id": offer["id"], "person_id": staff_id})
    assert invited.status_code == 201, invited.text
    accepted = platform.call("POST", f"/staff-invitations/{invited.json()['id']}/accept", staff)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted", accepted.text
    match = platform.call("POST", "/matches", group,
                          body={"need_id": need["id"], "talent_id": staff_id})
    assert match.status_code == 201, match.text
    match_id = match.json()["id"]
    for path, key, body in ((f"/matches/{match_id}/accept", staff, None),
                            (f"/matches/{match_id}/confirm", group, None),
                            (f"/matches/{match_id}/hours", staff, {"hours": 3.5}),
                            (f"/matches/{match_id}/approve", group, None)):
        answer = platform.call("POST", path, key, body=body)
        assert answer.status_code == 200, answer.text
    return {"shop": shop, "partner": partner, "stranger": stranger, "offer": offer,
            "match_id": match_id}


def _ledger(platform, world, key=None):
    return platform.call("GET", f"/reports/partners/{world['shop']}/csr-ledger", key or world["partner"],
                         params={"fiscal_year": FISCAL_YEAR})


def test_the_partner_reads_its_ledger_built_from_matchings_events(platform, world):
    ledger = eventually(lambda: (r := _ledger(platform, world)).status_code == 200
                        and r.json()["completed_matches"] == 1 and r.json()).copy()
    assert (ledger["staff_hours"], ledger["volunteers"], ledger["organisations_supported"]) == (3.5, 1, 1)
    assert ledger["fiscal_year_label"] == "令和8年度（2026年度）"
    assert [(k["kind"], k["offers"], k["quantities"]) for k in ledger["offers_by_kind"]] == [
        ("staff_time", 1, {"人": 3.0})]
    # one volunteer in 玖珂: the regional cell is hidden, the line names no region
    assert ledger["regions"] == [{"region": "kuga", "matches": None, "hours": None,
                                  "volunteers": None, "suppressed": True}]
    lines = {line["line_id"]: line for line in ledger["lines"]}
    assert lines[world["match_id"]]["regions"] == [] and lines[world["match_id"]]["hours"] == 3.5
    assert all(len(line["source_event_ids"]) >= 1 for line in ledger["lines"])
    assert "13" in ledger["sdgs"] and "17" in ledger["sdgs"]
    assert _ledger(platform, world, platform.operator_key).json()["staff_hours"] == 3.5
    declared = platform.call("PUT", f"/reports/partners/{world['shop']}/headcount", world["partner"],
                             body={"headcount": 40})
    assert declared.status_code == 200, declared.text
    assert _ledger(platform, world).json()["participation_rate"] == 0.025


def test_another_partner_gets_404_on_every_route(platform, world):
    stranger, shop = world["stranger"], world["shop"]
    assert _ledger(platform, world, stranger).status_code == 404
    assert platform.call("PUT", f"/reports/partners/{shop}/headcount", stranger,
                         body={"headcount": 1}).status_code == 404
    asked = platform.call("POST", "/reports/jobs", stranger, body={
        "report_kind": "partner_annual_csr", "partner_id": shop, "fiscal_year": FISCAL_YEAR,
        "formats": ["pdf"]})
    assert asked.status_code == 404, asked.text
    job = platform.call("POST", "/reports/jobs", world["partner"], body={
        "report_kind": "partner_annual_csr", "partner_id": shop, "fiscal_year": FISCAL_YEAR,
        "formats": ["csv"]}).json()
    assert platform.call("GET", f"/reports/jobs/{job['job_id']}", stranger).status_code == 404
    assert platform.call("GET", f"/reports/jobs/{job['job_id']}/files/csv",
                         stranger).status_code == 404
    group = platform.key_for("organisation", shop)
    assert _ledger(platform, world, group).status_code == 403  # the route is for partners


def test_bad_input_gets_field_messages_and_changes_nothing(platform, world):
    shop = world["shop"]
    for params, field in (({"fiscal_year": 1990}, "fiscal_year"), ({"fiscal_year": "x"}, "fiscal_year")):
        answer = platform.call("GET", f"/reports/partners/{shop}/csr-ledger", world["partner"],
                               params=params)
        assert answer.status_code == 422 and field in answer.json()["errors"], answer.text
        assert answer.headers["Content-Type"].startswith("application/problem+json")
    for body, field in (({"fiscal_year": 2050, "formats": ["pdf"]}, "fiscal_year"),
                        ({"fiscal_year": FISCAL_YEAR, "formats": ["docx"]}, "formats"),
                        ({"fiscal_year": FISCAL_YEAR, "formats": []}, "formats")):
        answer = platform.call("POST", "/reports/jobs", world["partner"], body={
            "report_kind": "partner_annual_csr", "partner_id": shop, **body})
        assert answer.status_code == 422 and field in answer.json()["errors"], answer.text
    bad = platform.call("PUT", f"/reports/partners/{shop}/headcount", world["partner"],
                        body={"headcount": 0})
    assert bad.status_code == 422 and "headcount" in bad.json()["errors"]
    assert _ledger(platform, world).json()["headcount"] == 40  # declared earlier, unchanged


def test_the_annual_report_is_generated_in_the_background_and_downloaded(platform, world):
    asked = platform.call("POST", "/reports/jobs", world["partner"], body={
        "report_kind": "partner_annual_csr", "partner_id": world["shop"],
        "fiscal_year": FISCAL_YEAR, "formats": ["pdf", "xlsx", "csv"],
        "title_name": "玖珂テック株式会社"})
    assert asked.status_code == 202, asked.text
    job_id = asked.json()["job_id"]
    done = eventually(lambda: (r := platform.call("GET", f"/reports/jobs/{job_id}",
                                                  world["partner"]).json())["status"] == "done"
                      and r, timeout=60)
    assert done["formats"] == ["csv", "pdf", "xlsx"]
    files = {}
    for fmt, content_type in (("pdf", "application/pdf"),
                              ("xlsx", "application/vnd.openxmlformats-officedocument"
                                       ".spreadsheetml.sheet"),
                              ("csv", "text/csv")):
        answer = platform.call("GET", f"/reports/jobs/{job_id}/files/{fmt}", world["partner"])
        assert answer.status_code == 200, answer.text
        assert answer.headers["Content-Type"].startswith(content_type)
        disposition = answer.headers["Content-Disposition"]
        assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == \
            f"CSR活動報告書_{FISCAL_YEAR}年度.{fmt}"
        files[fmt] = answer.content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages)
    assert "玖珂テック株式会社 CSR活動報告書" in text and "令和8年度" in text and "3.5" in text
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert book.sheetnames[:2] == ["概要", "地域別"]
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    assert ["社員のボランティア時間（承認済み）", "3.5"] in rows
    operator = platform.call("GET", f"/reports/jobs/{job_id}/files/pdf", platform.operator_key)
    assert operator.status_code == 200
