"""The files people open: a partner's annual CSR report as PDF, XLSX and CSV, read back the way
a person's software reads them (pypdf's text, pdftoppm's pages, openpyxl, Excel's CSV BOM).

Rendered pages are kept as PNG test artefacts under KYODO_TEST_ARTIFACTS (default: this test's
pytest temporary directory, which pytest keeps for the last three runs)."""
import csv
import io
import os
import shutil
import subprocess
import uuid
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from services.common.japanese_font import FALLBACK_FONT_NAME, FONT_NAME

from services.common.city_profile_file import region_names
from services.reports.adapters.report_files.renderer import FileReportRenderer
from services.reports.domain.csr_ledger import GIFT, OFFER, STAFF_HOURS, LedgerLine, build_ledger
from services.reports.domain.csr_report import csr_report

SHOP = str(uuid.uuid4())


def _ledger():
    lines = []
    for index in range(7):  # seven colleagues in 岩国: shown; one in 美和: hidden with a second cell
        lines.append(LedgerLine(str(uuid.uuid4()), SHOP, STAFF_HOURS, date(2024, 6, 1 + index),
                                2024, (str(uuid.uuid4()),), offer_kind="staff_time",
                                talent_id=f"t{index}", organisation_id="g1",
                                regions=("iwakuni",), hours=3.5, sdgs=(11, 13, 17)))
    for index in range(5):
        lines.append(LedgerLine(str(uuid.uuid4()), SHOP, STAFF_HOURS, date(2024, 9, 1 + index),
                                2024, (str(uuid.uuid4()),), offer_kind="staff_time",
                                talent_id=f"k{index}", organisation_id="g2", regions=("kuga",),
                                hours=2.0, sdgs=(4, 17)))
    lines.append(LedgerLine(str(uuid.uuid4()), SHOP, STAFF_HOURS, date(2024, 10, 1), 2024,
                            (str(uuid.uuid4()),), offer_kind="staff_time", talent_id="m0",
                            organisation_id="g3", regions=("miwa",), hours=6.0, sdgs=(17,)))
    money_event = str(uuid.uuid4())
    lines.append(LedgerLine("money-1", SHOP, OFFER, date(2024, 7, 1), 2024, (money_event,),
                            offer_kind="money", regions=("iwakuni",), quantity=150000.0,
                            unit="円", sdgs=(1, 17)))
    gift_event, meals_event = str(uuid.uuid4()), str(uuid.uuid4())
    lines.append(LedgerLine(gift_event, SHOP, GIFT, date(2024, 11, 3), 2024, (gift_event,),
                            offer_id="money-1", offer_kind="money", organisation_id="g4", regions=("yu",),
                            quantity=120000.0, unit="円", value_yen=120000, value_basis="amount_given",
                            people_reached=60, sdgs=(1, 17)))
    lines.append(LedgerLine(meals_event, SHOP, GIFT, date(2024, 12, 1), 2024, (meals_event,),
                            offer_id="meals-1", offer_kind="goods", organisation_id="g4", regions=("yu",),
                            quantity=300.0, unit="食", value_yen=90000, value_basis="market_price",
                            people_reached=150, sdgs=(2,)))
    ledger = build_ledger(SHOP, 2024, lines, headcount=120, min_cell=5)
    return ledger, money_event


@pytest.fixture(scope="module")
def files():
    ledger, money_event = _ledger()
    document = csr_report(ledger, "𠮷野ｶﾝﾊﾟﾆｰ株式会社", region_names(), "2025-04-10")
    renderer = FileReportRenderer()
    return {fmt: renderer.render(document, fmt) for fmt in ("pdf", "xlsx", "csv")}, money_event


@pytest.fixture
def artefacts(tmp_path):
    configured = os.environ.get("KYODO_TEST_ARTIFACTS")
    folder = Path(configured) / "reports" if configured else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_pdf_is_a4_japanese_with_the_figures_and_an_embedded_font(files, artefacts):
    found, _ = files
    pdf = found["pdf"]
    assert pdf.content_type == "application/pdf" and pdf.filename == "CSR活動報告書_2024年度.pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("CSR活動報告書", "令和6年度（2024年度）", "社員のボランティア時間（承認済み）",
                     "40.5", "参加率", "10.8%", "岩国", "24.5", "寄付金", "150,000", "非表示",
                     "目標17", "提供の実績（種類別）", "210,000", "90,000"):
        assert expected in text, expected
    # No tofu: the embedded fonts draw every character; what IPAex lacks (𠮷) comes from IPAmj
    # Mincho, and extracts as itself (not as 〓, nor lost)
    drawable = frozenset(pdfmetrics.getFont(FONT_NAME).face.charToGlyph) | frozenset(
        pdfmetrics.getFont(FALLBACK_FONT_NAME).face.charToGlyph)
    assert all(ord(c) in drawable or c.isspace() for c in text)
    assert "𠮷野ｶﾝﾊﾟﾆｰ株式会社" in text and "〓" not in text
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("IPAexGothic" in name for name in fonts) and any("IPAmjMincho" in name for name in fonts)
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) renders the pages people see"
    pdf_path = artefacts / "csr_report.pdf"
    pdf_path.write_bytes(pdf.content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf_path), str(artefacts / "csr_page")],
                   check=True, timeout=120)
    pages = sorted(artefacts.glob("csr_page*.png"))
    assert len(pages) == len(reader.pages) and all(p.stat().st_size > 5000 for p in pages)


def test_the_xlsx_has_japanese_sheets_a_native_chart_and_numbers_as_numbers(files, artefacts):
    found, money_event = files
    xlsx = found["xlsx"]
    (artefacts / "csr_report.xlsx").write_bytes(xlsx.content)
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["概要", "地域別", "提供内容別", "提供の実績（種類別）", "SDGs", "明細"]
    summary = {row[0]: row[1] for row in book["概要"].iter_rows(min_row=4, values_only=True)
               if row[0]}
    assert summary["社員のボランティア時間（承認済み）"] == 40.5
    assert summary["完了した活動件数"] == 13 and isinstance(summary["完了した活動件数"], int)
    regions = {row[0]: row[1:4] for row in book["地域別"].iter_rows(min_row=2, values_only=True)
               if row[0]}
    assert regions["岩国"] == (7, 24.5, 7)
    assert regions["美和"] == ("非表示",) * 3 and regions["玖珂"] == ("非表示",) * 3
    assert book["地域別"]._charts, "a native Excel chart"
    offers = list(book["提供内容別"].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert offers[:4] == ("寄付金", 1, 150000, "円")
    given = book["提供の実績（種類別）"]
    assert [row[:7] for row in given.iter_rows(min_row=2, max_row=3, values_only=True)] == [
        ("物品", 1, 300, "食", 90000, "時価 90,000円", 150), ("寄付金", 1, 120000, "円", 120000, "寄付額 120,000円", 60)]
    assert given._charts, "a native Excel chart of the value given per kind"
    assert summary["提供した価値（円）"] == 210000 and summary["届いた人数"] == 210
    lines = list(book["明細"].iter_rows(min_row=2, values_only=True))
    assert any(money_event in (row[9] or "") for row in lines)
    assert ("2024-11-03", "提供の実績", "寄付金", "由宇", None, 120000, "円", 120000, 60) in [row[:9] for row in lines]


def test_the_csv_opens_in_japanese_excel_and_round_trips_every_character(files, artefacts):
    found, money_event = files
    content = found["csv"].content
    (artefacts / "csr_report.csv").write_bytes(content)
    assert content.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["𠮷野ｶﾝﾊﾟﾆｰ株式会社 CSR活動報告書"]
    assert ["社員のボランティア時間（承認済み）", "40.5"] in rows
    assert any(money_event in " ".join(row) for row in rows)
    assert ["■提供の実績（種類別）"] in rows and ["物品", "1", "300.0", "食", "90000", "時価 90,000円", "150"] in rows
