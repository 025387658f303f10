"""The e-回覧板 through the gateway against the real processes: a neighbourhood association
with two households on its roster (one with an account, one on paper) sends a circular; the
household with an account opens the signed link in its message and confirms (no key); the
association sees 既読/未読, downloads the visit list (CSV with a BOM, A4 PDF with names from
registry, blank names while registry does not answer) and the printable circular; other keys
get 404/403 and bad input 422, changing nothing."""
import csv
import io
import signal
import uuid

import pytest
import requests
from pypdf import PdfReader
from sqlalchemy import func, select

from services.common.database import database_url, make_engine
from services.notifications.adapters.tables import member_households
from tests.support.platform import eventually

pytestmark = pytest.mark.broker

ASSOCIATION = {"name": "今津一区自治会", "name_kana": "いまづいっくじちかい",
               "kind": "neighbourhood_association", "region": "iwakuni",
               "fields": ["community_development"]}
CIRCULAR = {"title": "年末の清掃活動のお知らせ", "body": "12月27日（日）9時から公民館前を清掃します。",
            "month": "2026-12"}


def _ok(response, status=(200, 201)):
    assert response.status_code in status, response.text
    return response.json()


def _households_known(organisation_id: str) -> int:
    engine = make_engine(database_url("notifications"))
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(member_households).where(
                member_households.c.organisation_id == organisation_id)).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def town(platform):
    association_id = _ok(platform.call("POST", "/organisations", body=ASSOCIATION))["id"]
    key = platform.key_for("organisation", association_id)
    person_id = str(uuid.uuid4())
    online = _ok(platform.call("POST", f"/organisations/{association_id}/roster", key, body={
        "role": "member", "name": "山田 太郎", "person_id": person_id}))
    paper = _ok(platform.call("POST", f"/organisations/{association_id}/roster", key, body={
        "role": "member", "name": "佐藤 花子"}))
    eventually(lambda: _households_known(association_id) == 2)  # registry's events have flowed
    group_id = _ok(platform.call("POST", "/organisations", body={
        **ASSOCIATION, "name": "今津写真クラブ", "name_kana": "いまづしゃしんくらぶ",
        "kind": "citizen_group"}))["id"]
    return {"id": association_id, "key": key, "citizen": platform.key_for("citizen", person_id),
            "online": online["id"], "paper": paper["id"],
            "group": platform.key_for("organisation", group_id)}


def _circulars(platform, key):
    return _ok(platform.call("GET", "/circulars", key))["items"]


def test_bad_input_and_other_organisations_are_refused_and_change_nothing(platform, town):
    for body, key, field in (({**CIRCULAR, "title": ""}, town["key"], "title"),
                             ({**CIRCULAR, "month": "2026-13"}, town["key"], "month"),
                             ({**CIRCULAR, "organisation_id": str(uuid.uuid4())}, None,
                              "organisation_id")):
        refused = platform.call("POST", "/circulars", key, body=body)
        assert refused.status_code == 422, refused.text
        assert refused.headers["Content-Type"].startswith("application/problem+json")
        assert field in refused.json()["errors"], refused.text
    not_an_association = platform.call("POST", "/circulars", town["group"], body=CIRCULAR)
    assert not_an_association.status_code == 403
    assert "自治会" in not_an_association.text and "neighbourhood association" in not_an_association.text
    critical = platform.call("POST", "/circulars", town["key"], body={**CIRCULAR, "critical": True})
    assert critical.status_code == 403
    assert platform.call("POST", "/circulars", town["citizen"], body=CIRCULAR).status_code == 403
    assert _circulars(platform, town["key"]) == []
    assert _ok(platform.call("GET", "/inbox", town["citizen"]))["items"] == []


def test_send_confirm_by_link_reads_visit_list_and_printable_circular(platform, town):
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    sent = _ok(platform.call("POST", "/circulars", town["key"], body=CIRCULAR, headers=headers))
    assert (sent["households"], sent["read"], sent["paper_households"]) == (2, 0, 1)
    assert sent["month_label"] == "2026年12月号"
    again = _ok(platform.call("POST", "/circulars", town["key"], body=CIRCULAR, headers=headers))
    assert again["id"] == sent["id"]

    [message] = _ok(platform.call("GET", "/inbox", town["citizen"]))["items"]
    assert message["title"].startswith("回覧板（2026年12月号）: 年末の清掃活動のお知らせ")
    link = message["link"]
    assert link.startswith("/api/v1/circulars/read/")
    tampered = requests.post(platform.url.removesuffix("/api/v1") + link[:-3] + "AAA", timeout=30)
    assert tampered.status_code == 422 and "token" in tampered.json()["errors"]
    page = requests.get(platform.url.removesuffix("/api/v1") + link, timeout=30)  # opening it
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "年末の清掃活動のお知らせ" in page.text and '<form method="post">' in page.text
    assert _ok(platform.call("GET", "/inbox", town["citizen"]))["unread"] == 1
    confirmed = requests.post(platform.url.removesuffix("/api/v1") + link, timeout=30)
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["circular_id"] == sent["id"] and confirmed.json()["read_at"]
    assert _ok(platform.call("GET", "/inbox", town["citizen"]))["unread"] == 0

    reads = _ok(platform.call("GET", f"/circulars/{sent['id']}/reads", town["key"]))
    assert (reads["households"], reads["read"], reads["unread"]) == (2, 1, 1)
    assert {(h["entry_id"], h["name"], h["paper"], h["read"]) for h in reads["items"]} == {
        (town["online"], "山田 太郎", False, True), (town["paper"], "佐藤 花子", True, False)}
    assert (reads["title"], reads["organisation_id"], reads["names_known"]) == (
        CIRCULAR["title"], town["id"], True)
    for stranger in (town["group"], town["citizen"]):
        assert platform.call("GET", f"/circulars/{sent['id']}/reads", stranger).status_code == 404
        assert platform.call("GET", f"/circulars/{sent['id']}/visit-list.csv",
                             stranger).status_code == 404
        assert platform.call("GET", f"/circulars/{sent['id']}.pdf", stranger).status_code == 404
    assert _circulars(platform, town["group"]) == []
    [listed] = _circulars(platform, town["key"])
    assert (listed["id"], listed["read"], listed["households"]) == (sent["id"], 1, 2)
    by_operator = _ok(platform.call("GET", "/circulars", params={"organisation_id": town["id"]}))
    assert [c["id"] for c in by_operator["items"]] == [sent["id"]]

    visit_csv = platform.call("GET", f"/circulars/{sent['id']}/visit-list.csv", town["key"])
    assert visit_csv.status_code == 200 and visit_csv.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(visit_csv.content.decode("utf-8-sig"))))
    assert [row[1:4] for row in rows[1:]] == [[town["paper"], "佐藤 花子", "紙"]]

    visit_pdf = platform.call("GET", f"/circulars/{sent['id']}/visit-list.pdf")  # an operator
    assert visit_pdf.status_code == 200 and visit_pdf.headers["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(visit_pdf.content)).pages)
    assert "訪問リスト" in text and "佐藤 花子" in text and "山田" not in text
    # registry answered the names and logged the operator's read (not the association's own)
    audit = _ok(platform.call("GET", "/admin/audit/registry", params={
        "object_id": town["id"], "kind": "read", "action": "roster_display_names"}))["items"]
    assert [(row["role"], row["personal_fields"]) for row in audit] == [
        ("operator", ["RosterName.name"])], audit

    printable = platform.call("GET", f"/circulars/{sent['id']}.pdf", town["key"])
    assert printable.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(printable.content)).pages)
    for expected in ("2026年12月号", "年末の清掃活動のお知らせ", "今津一区自治会", "公民館前を清掃します"):
        assert expected in text, expected


def test_the_visit_list_prints_without_names_while_registry_does_not_answer(platform, town):
    sent = _ok(platform.call("POST", "/circulars", town["key"], body=CIRCULAR))
    platform.supervisor.kill("registry", signal.SIGSTOP)  # alive, but answering nothing
    try:
        visit_pdf = platform.call("GET", f"/circulars/{sent['id']}/visit-list.pdf", town["key"])
    finally:
        platform.supervisor.kill("registry", signal.SIGCONT)
    assert visit_pdf.status_code == 200, visit_pdf.text
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(visit_pdf.content)).pages)
    assert "取得できませんでした" in text and "佐藤" not in text and "未読 2 世帯" in text
