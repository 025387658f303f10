"""The e-回覧板 on paper as people's software reads it: the circular and the visit list as A4
PDFs in Japanese with the font embedded (pypdf's text, no tofu; pdftoppm's page), and the
visit list as CSV with the BOM Japanese Excel needs; the page a message's read link opens."""
import csv
import io
import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from services.common.japanese_font import FONT_NAME
from services.notifications.adapters.circular_documents import (circular_pdf, read_page_html,
                                                                visit_list_csv, visit_list_pdf)
from services.notifications.app.circulars import VisitList
from services.notifications.domain.circular import Circular, HouseholdReceipt

SENT = datetime(2026, 11, 30, 23, 0, tzinfo=timezone.utc)  # 12月1日 in Japan
CIRCULAR = Circular("c0ffee00-0000-4000-8000-000000000001", "4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f",
                    "organisation:4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f", "年末の清掃活動のお知らせ",
                    "12月27日（日）9時から公民館前を清掃します。\n軍手をお持ちください。", "2026-12",
                    False, SENT)
VISIT = VisitList(CIRCULAR, [(HouseholdReceipt(CIRCULAR.id, "e-1", None), "𠮷田 花子"),
                             (HouseholdReceipt(CIRCULAR.id, "e-2", "p-2"), "山田 太郎")], True)


@pytest.fixture
def artefacts(tmp_path):
    configured = os.environ.get("KYODO_TEST_ARTIFACTS")
    folder = Path(configured) / "notifications" if configured else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    fonts = {str(font) for page in reader.pages
             for font in page["/Resources"]["/Font"].get_object().values()
             for font in [font.get_object()["/BaseFont"]]}
    assert any(FONT_NAME in font for font in fonts), fonts  # the Japanese font, embedded subset
    text = "".join(page.extract_text() for page in reader.pages)
    drawable = frozenset(pdfmetrics.getFont(FONT_NAME).face.charToGlyph)
    assert all(ord(c) in drawable or c.isspace() for c in text)  # no tofu
    return reader, text


def test_the_printable_circular_is_a4_japanese_and_renders(artefacts):
    content = circular_pdf(CIRCULAR, "今津一区自治会")
    reader, text = _text(content)
    for expected in ("回覧板", "2026年12月号", "年末の清掃活動のお知らせ", "今津一区自治会",
                     "2026年12月1日", "公民館前を清掃します", "軍手をお持ちください"):
        assert expected in text, expected
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) renders the page people see"
    pdf_path = artefacts / "circular.pdf"
    pdf_path.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf_path), str(artefacts / "circular")],
                   check=True, timeout=120)
    pages = sorted(artefacts.glob("circular*.png"))
    assert len(pages) == len(reader.pages) == 1 and pages[0].stat().st_size > 5000


def test_a_circular_without_a_month_or_association_name_still_prints():
    plain = Circular(CIRCULAR.id, CIRCULAR.organisation_id, CIRCULAR.author_id, "臨時のお知らせ",
                     "断水します。", None, True, SENT)
    _, text = _text(circular_pdf(plain, ""))
    assert "【重要】臨時のお知らせ" in text and "号" not in text


def test_the_visit_list_pdf_lists_unread_households_with_a_geta_for_missing_glyphs():
    _, text = _text(visit_list_pdf(VISIT))
    for expected in ("訪問リスト（未読の世帯）", "2026年12月号 年末の清掃活動のお知らせ", "未読 2 世帯",
                     "〓田 花子", "山田 太郎", "紙", "アプリ未読"):
        assert expected in text, expected
    assert "取得できませんでした" not in text


def test_the_visit_list_pdf_says_when_names_were_unavailable():
    silent = VisitList(CIRCULAR, [(receipt, "") for receipt, _ in VISIT.households], False)
    _, text = _text(visit_list_pdf(silent))
    assert "取得できませんでした" in text and "山田" not in text


def test_the_visit_list_csv_has_a_bom_and_reads_back():
    content = visit_list_csv(VISIT)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["番号", "世帯（名簿ID）", "氏名", "区分", "回覧板", "号"],
                    ["1", "e-1", "𠮷田 花子", "紙", "年末の清掃活動のお知らせ", "2026年12月号"],
                    ["2", "e-2", "山田 太郎", "アプリ未読", "年末の清掃活動のお知らせ", "2026年12月号"]]


def test_the_link_page_shows_the_circular_escaped_with_a_button_until_read():
    risky = Circular(CIRCULAR.id, CIRCULAR.organisation_id, CIRCULAR.author_id,
                     "<script>alert(1)</script>清掃", "一行目\n二行目", "2026-12", False, SENT)
    unread = read_page_html(risky, HouseholdReceipt(CIRCULAR.id, "e-1", "p-1")).decode()
    assert "<script>" not in unread and "&lt;script&gt;" in unread
    assert "2026年12月号" in unread and "<p>一行目</p>" in unread and "<p>二行目</p>" in unread
    assert '<form method="post">' in unread and "確認しました" in unread
    read = read_page_html(risky, HouseholdReceipt(CIRCULAR.id, "e-1", "p-1", SENT)).decode()
    assert "<form" not in read and "確認済みです（2026年12月1日）" in read
