"""Gifts end to end: a partner records once what its offer gave, another partner's offer is 404,
bad input is 422 and changes nothing; reports turns the gift (and the people an organisation
says an activity reached) into ledger figures and the annual report's 提供の実績（種類別）."""
import csv
import io
import uuid

import openpyxl
import pytest

from tests.support.platform import eventually

pytestmark = pytest.mark.broker

FISCAL_YEAR = 2026  # gifts and approvals happen today (December 2026): 令和8年度
GROUP = {"name": "由宇こども食堂", "name_kana": "ゆうこどもしょくどう", "kind": "citizen_group",
         "region": "yu", "fields": ["welfare"], "description": "子ども食堂を運営しています。"}
NEED = {"title": "子ども食堂の食材", "kind": "event_helper", "slots": 2,
        "schedule": {"dates": [{"on": "2027-01-16", "band": "morning", "hours": 3}]}}
GIFT = {"quantity": 100, "value_yen": 30000, "value_basis": "market_price", "people_reached": 80}


@pytest.fixture(scope="module")
def world(platform):
    shop, other = platform.business(), platform.business()
    partner, stranger = platform.key_for("partner", shop), platform.key_for("partner", other)
    group_id = platform.call("POST", "/organisations", body=GROUP).json()["id"]
    group = platform.key_for("organisation", group_id)
    offers = {}
    for kind, unit, quantity in (("goods", "食", 120), ("money", "円", 50000)):
        offers[kind] = eventually(lambda: (r := platform.call("POST", "/offers", partner, body={
            "kind": kind, "title": f"{unit}の提供", "fields": ["welfare"], "quantity": quantity, "unit": unit,
            "regions": ["yu"], "starts": "2026-10-01", "ends": "2027-03-31"})).status_code == 201 and r).json()
    need = eventually(lambda: (r := platform.call("POST", "/needs", group, body=NEED)).status_code == 201
                      and r).json()
    return {"shop": shop, "partner": partner, "stranger": stranger, "group_id": group_id, "group": group,
            "offers": offers, "need": need}


def _fulfil(platform, world, kind, key=None, **body):
    return platform.call("POST", f"/offers/{world['offers'][kind]['id']}/fulfilment", key or world["partner"],
                         body={**GIFT, "need_id": world["need"]["id"], **body})


def _ledger(platform, world):
    return platform.call("GET", f"/reports/partners/{world['shop']}/csr-ledger", world["partner"],
                         params={"fiscal_year": FISCAL_YEAR})


def test_bad_input_and_other_owners_change_nothing(platform, world):
    assert _fulfil(platform, world, "goods", world["stranger"]).status_code == 404
    assert _fulfil(platform, world, "goods", platform.key_for("organisation", world["group_id"])).status_code == 403
    for kind, body, field in (("goods", {"quantity": 121}, "quantity"),
                              ("goods", {"value_yen": -1}, "value_yen"),
                              ("goods", {"value_basis": "guess"}, "value_basis"),
                              ("goods", {"value_basis": "amount_given"}, "value_basis"),
                              ("money", {"value_basis": "cost"}, "value_basis"),
                              ("goods", {"need_id": str(uuid.uuid4())}, "need_id"),
                              ("goods", {"people_reached": -2}, "people_reached")):
        answer = _fulfil(platform, world, kind, **body)
        assert answer.status_code == 422 and field in answer.json()["errors"], answer.text
        assert answer.headers["Content-Type"].startswith("application/problem+json")
    for offer in world["offers"].values():
        assert platform.call("GET", f"/offers/{offer['id']}", world["partner"]).json()["status"] == "open"


def test_a_gift_is_recorded_once_and_reaches_the_ledger_and_the_report(platform, world):
    given = _fulfil(platform, world, "goods")
    assert given.status_code == 201, given.text
    assert (given.json()["recipient_organisation_id"], given.json()["region"]) == (world["group_id"], "yu")
    money = _fulfil(platform, world, "money", platform.operator_key, quantity=50000, value_yen=50000,
                    value_basis="amount_given", people_reached=0)
    assert money.status_code == 201, money.text
    assert _fulfil(platform, world, "goods").status_code == 409
    goods_id = world["offers"]["goods"]["id"]
    assert platform.call("PATCH", f"/offers/{goods_id}", world["partner"], body={"quantity": 1}).status_code == 409
    assert platform.call("GET", f"/offers/{goods_id}", world["partner"]).json()["status"] == "fulfilled"
    ledger = eventually(lambda: (r := _ledger(platform, world)).status_code == 200
                        and len(r.json()["fulfilled_by_kind"]) == 2 and r.json())
    assert [(k["kind"], k["offers"], k["quantities"], k["value_yen"], k["value_bases"], k["people_reached"])
            for k in ledger["fulfilled_by_kind"]] == [
        ("goods", 1, {"食": 100.0}, 30000, {"market_price": 30000}, 80),
        ("money", 1, {"円": 50000.0}, 50000, {"amount_given": 50000}, 0)]
    assert (ledger["value_given_yen"], ledger["people_reached"]) == (80000, 80)
    assert (ledger["organisations_supported"], ledger["regions_supported"]) == (1, 1)
    gift_lines = [line for line in ledger["lines"] if line["kind"] == "gift"]
    assert all(line["source_event_ids"] == [line["line_id"]] for line in gift_lines) and len(gift_lines) == 2
    asked = platform.call("POST", "/reports/jobs", world["partner"], body={
        "report_kind": "partner_annual_csr", "partner_id": world["shop"], "fiscal_year": FISCAL_YEAR,
        "formats": ["xlsx", "csv"]})
    assert asked.status_code == 202, asked.text
    job_id = asked.json()["job_id"]
    eventually(lambda: platform.call("GET", f"/reports/jobs/{job_id}", world["partner"]).json()["status"] == "done",
               timeout=60)
    xlsx = platform.call("GET", f"/reports/jobs/{job_id}/files/xlsx", world["partner"]).content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))["提供の実績（種類別）"]
    assert [row[:5] for row in sheet.iter_rows(min_row=2, max_row=3, values_only=True)] == [
        ("物品", 1, 100, "食", 30000), ("寄付金", 1, 50000, "円", 50000)]
    assert sheet._charts
    text = platform.call("GET", f"/reports/jobs/{job_id}/files/csv", world["partner"]).content.decode("utf-8-sig")
    assert ["提供した価値（円）", "80000"] in list(csv.reader(io.StringIO(text)))


def test_people_reached_sent_on_approval_add_to_the_ledger(platform, world):
    staff_offer = eventually(lambda: (r := platform.call("POST", "/offers", world["partner"], body={
        "kind": "staff_time", "title": "社員の配膳ボランティア", "fields": ["welfare"], "quantity": 2, "unit": "人",
        "regions": ["yu"], "starts": "2026-10-01", "ends": "2027-03-31"})).status_code == 201 and r).json()
    staff_id = str(uuid.uuid4())
    staff = platform.key_for("citizen", staff_id)
    created = platform.call("POST", "/talents", staff, body={
        "age_band": "30代", "skills": {}, "interests": ["welfare"], "regions": ["yu"], "home_region": "yu",
        "weekly_availability": [{"weekday": 5, "band": "morning"}], "max_hours_per_month": 8,
        "contact": {"email": "staff@example.co.jp"}})
    assert created.status_code == 201, created.text
    invited = platform.call("POST", "/staff-invitations", world["partner"],
                            body={"offer_id": staff_offer["id"], "person_id": staff_id}).json()
    assert platform.call("POST", f"/staff-invitations/{invited['id']}/accept", staff).status_code == 200
    match_id = platform.call("POST", "/matches", world["group"],
                             body={"need_id": world["need"]["id"], "talent_id": staff_id}).json()["id"]
    for path, key, body in ((f"/matches/{match_id}/accept", staff, None),
                            (f"/matches/{match_id}/confirm", world["group"], None),
                            (f"/matches/{match_id}/hours", staff, {"hours": 3}),
                            (f"/matches/{match_id}/approve", world["group"], {"people_reached": -1}),
                            (f"/matches/{match_id}/approve", world["group"], {"people_reached": 25})):
        answer = platform.call("POST", path, key, body=body)
        expected = 422 if body == {"people_reached": -1} else 200
        assert answer.status_code == expected, answer.text
    ledger = eventually(lambda: (r := _ledger(platform, world).json())["completed_matches"] == 1 and r)
    assert ledger["people_reached"] == 80 + 25
