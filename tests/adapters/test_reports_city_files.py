"""The city's progress report as people open it: every indicator against its targets with a
chart and a Japanese summary, the grade thresholds printed, reproducible for a past day."""
import io
import os
import subprocess
import uuid
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from services.common.actor import Actor
from services.common.city_profile_file import region_names
from services.reports.adapters.report_files.renderer import FileReportRenderer
from services.reports.app import kpi
from services.reports.app.kpi import DefineIndicator, ProgressQuery
from services.reports.domain.city_report import city_report
from services.reports.domain.kpi import Grades
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork

OPERATOR = Actor("operator", key_id="op")
GRADES = Grades(100, 80, 60)


def _uow():
    uow = MemoryReportsUnitOfWork()
    for index, (region, day) in enumerate((("yu", "2023-05-01"), ("yu", "2024-05-01"),
                                           ("kuga", "2024-09-01"), ("miwa", "2025-05-01"),
                                           ("kuga", "2025-06-01"), ("yu", "2025-07-01"))):
        deliver(uow, "registry.organisation_registered", {
            "organisation_id": str(uuid.uuid4()), "kind": "npo", "region": region,
            "fields": [], "status": "verified"}, datetime.fromisoformat(day + "T03:00:00+00:00"))
    kpi.define_indicator(uow, OPERATOR, DefineIndicator(
        "organisations", "登録団体数", "organisations_registered", None, "higher", None, 1.0,
        {2024: 2.0, 2025: 4.0, 2026: 5.0, 2027: 6.0, 2028: 7.0}),
        now=datetime.fromisoformat("2024-04-01T00:00:00+00:00"))
    kpi.define_indicator(uow, OPERATOR, DefineIndicator(
        "consultations", "相談件数", "consultations", None, "lower", None, None, {2025: 10.0}),
        now=datetime.fromisoformat("2024-04-01T00:00:00+00:00"))
    return uow


def _document(as_of):
    uow = _uow()
    when, found = kpi.plan_progress(uow, ProgressQuery(as_of, tuple(region_names()), GRADES))
    return city_report("岩国市", when, found, GRADES, region_names())


@pytest.fixture
def artefacts(tmp_path):
    configured = os.environ.get("KYODO_TEST_ARTIFACTS")
    folder = Path(configured) / "reports" if configured else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_city_pdf_shows_each_indicator_its_summary_and_the_thresholds(artefacts):
    pdf = FileReportRenderer().render(_document(date(2026, 3, 31)), "pdf")
    assert pdf.filename == "協働推進計画_進捗報告書_2026-03-31.pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("岩国市 地域づくり協働推進計画 進捗報告書", "令和7年度（2025年度）", "登録団体数",
                     "登録団体数は2025年度 3団体、目標 4団体を下回りました（達成率 75%、評価 B）。",
                     "相談件数は2025年度 0件、目標 10件を下回りました（達成率 —、評価 —）。",
                     "S 100%以上 / A 80%以上 / B 60%以上", "第1版"):
        assert expected in text, expected
    path = artefacts / "city_report.pdf"
    path.write_bytes(pdf.content)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(artefacts / "city_page")],
                   check=True, timeout=120)
    assert len(list(artefacts.glob("city_page*.png"))) == len(reader.pages)


def test_the_city_xlsx_has_a_sheet_and_a_native_chart_per_indicator(artefacts):
    xlsx = FileReportRenderer().render(_document(date(2026, 3, 31)), "xlsx")
    (artefacts / "city_report.xlsx").write_bytes(xlsx.content)
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["概要", "指標一覧", "相談件数", "登録団体数"]  # by indicator code
    assert book["登録団体数"]._charts and book["相談件数"]._charts
    years = {row[0]: row[1:5] for row in book["登録団体数"].iter_rows(min_row=2, max_row=7,
                                                                   values_only=True)}
    assert years["2024年度"] == (2, 2, 100, "S") and years["2023年度"][1] == 1


def test_a_past_day_is_reproduced_whatever_happened_since():
    then = _document(date(2025, 3, 31))
    assert then.subtitle == "2025-03-31 時点・令和6年度（2024年度）"
    overview = {row[0]: row for row in then.sections[0].rows}
    assert overview["登録団体数"][4:8] == (2.0, 2.0, 100.0, "S")
    assert _document(date(2025, 3, 31)) == then
