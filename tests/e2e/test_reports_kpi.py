"""Plan KPIs and the city's progress report end to end: indicators on measures computed from
live events, versioned targets, drill-down to events, the report generated in the background,
and the operator's replay rebuilding the same figures."""
import io
import os
import subprocess
import sys
import uuid
from datetime import datetime, timezone

import pytest
from pypdf import PdfReader

from tests.support.platform import eventually

pytestmark = [pytest.mark.broker, pytest.mark.own_platform]

YEAR = 2026 if datetime.now(timezone.utc).month >= 4 else 2025  # today's fiscal year (JST≈UTC)
ORGANISATION = {"name": "美和ふれあいの会", "name_kana": "みわふれあいのかい", "kind": "citizen_group",
                "region": "miwa", "fields": ["welfare"], "description": "美和の見守り活動です。"}
INDICATOR = {"name": "登録団体数", "measure": "organisations_registered", "baseline": 1,
             "targets": {str(y): 2 for y in range(2024, 2029)}}


def _progress(platform, code, **params):
    answer = platform.call("GET", "/reports/kpi", params=params).json()
    return next((i for i in answer["indicators"] if i["indicator"]["code"] == code), None)


def test_indicators_targets_drill_down_and_the_city_report(platform):
    assert platform.call("PUT", "/reports/kpi/indicators/orgs", body=INDICATOR).status_code == 200
    for index in range(2):
        created = platform.call("POST", "/organisations",
                                body={**ORGANISATION, "name": f"美和ふれあいの会{index}"})
        assert created.status_code == 201, created.text
    found = eventually(lambda: (p := _progress(platform, "orgs")) and
                       next(y for y in p["years"] if y["fiscal_year"] == YEAR)["value"] == 2 and p)
    this_year = next(y for y in found["years"] if y["fiscal_year"] == YEAR)
    assert (this_year["target"], this_year["achievement"], this_year["grade"]) == (2, 100, "S")
    assert found["by_region"]["miwa"][str(YEAR)] == 2
    assert found["summary_ja"].startswith(f"登録団体数は{YEAR}年度 2団体")

    changed = platform.call("PUT", f"/reports/kpi/indicators/orgs/targets/{YEAR}", body={"target": 4})
    assert changed.status_code == 200 and changed.json()["version"] == 2, changed.text
    versions = platform.call("GET", "/reports/kpi/indicators/orgs/versions").json()["versions"]
    assert [v["targets"][str(YEAR)] for v in versions] == [2, 4]  # the first stays as it was
    assert next(y for y in _progress(platform, "orgs")["years"]
                if y["fiscal_year"] == YEAR)["grade"] == "C"

    events = platform.call("GET", "/reports/kpi/indicators/orgs/events",
                           params={"fiscal_year": YEAR, "region": "miwa"}).json()["events"]
    assert len(events) == 2 and all(uuid.UUID(e["event_id"]) for e in events)

    asked = platform.call("POST", "/reports/jobs", body={"report_kind": "city_progress",
                                                          "formats": ["pdf", "xlsx"]})
    assert asked.status_code == 202, asked.text
    job_id = asked.json()["job_id"]
    eventually(lambda: platform.call("GET", f"/reports/jobs/{job_id}").json()["status"] == "done",
               timeout=60)
    pdf = platform.call("GET", f"/reports/jobs/{job_id}/files/pdf")
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "岩国市 地域づくり協働推進計画 進捗報告書" in text and "登録団体数" in text


def test_bad_kpi_input_gets_field_messages_and_only_operators_define(platform):
    unknown = platform.call("PUT", "/reports/kpi/indicators/nothing-here/targets/2025",
                            body={"target": 3})
    assert unknown.status_code == 422 and "code" in unknown.json()["errors"], unknown.text
    out_of_plan = platform.call("PUT", "/reports/kpi/indicators/orgs/targets/2031",
                                body={"target": 3})
    assert out_of_plan.status_code == 422 and "fiscal_year" in out_of_plan.json()["errors"]
    bad = platform.call("PUT", "/reports/kpi/indicators/x", body={**INDICATOR, "measure": "joy",
                                                                  "direction": "up"})
    assert bad.status_code == 422 and {"measure", "direction"} <= set(bad.json()["errors"])
    counted = platform.call("GET", "/reports/summary").json()["total_organisations"]
    partner = platform.key_for("partner", platform.business())
    # Reports counts the business before the replay test reads its figures.
    eventually(lambda: platform.call("GET", "/reports/summary").json()["total_organisations"] > counted)
    assert platform.call("PUT", "/reports/kpi/indicators/y", partner,
                         body=INDICATOR).status_code == 403
    assert platform.call("POST", "/reports/jobs", partner, body={
        "report_kind": "city_progress", "formats": ["pdf"]}).status_code == 403
    assert platform.call("GET", "/reports/kpi/indicators/y/versions").status_code == 404


def test_the_operators_replay_rebuilds_the_same_figures(platform):
    before = platform.call("GET", "/reports/kpi").json()
    summary = platform.call("GET", "/reports/summary").json()
    env = {**os.environ, "KYODO_DATA_DIR": str(platform.data_dir), "PYTHONPATH": os.getcwd()}
    done = subprocess.run([sys.executable, "-m", "services.reports.entrypoints.replay"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "events replayed" in done.stdout
    assert platform.call("GET", "/reports/kpi").json() == before
    assert platform.call("GET", "/reports/summary").json() == summary
