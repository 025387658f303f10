"""The e-回覧板 on paper: the circular itself and the 班長's visit list as A4 PDFs in Japanese
(IPAex Gothic embedded), and the visit list as CSV for Excel (UTF-8 with a BOM); and on screen:
the page a message's read link opens."""
import csv
import io
from datetime import datetime
from functools import cache
from xml.sax.saxutils import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from services.common.japanese_font import FONT_NAME, japanese_font_path
from services.notifications.app.circulars import VisitList
from services.notifications.domain.circular import Circular, HouseholdReceipt

JAPAN = ZoneInfo("Asia/Tokyo")
# Japanese typesetting's mark for a character the typeface lacks: better than an empty box.
GETA = "〓"
NAMES_MISSING = "（名簿の氏名を取得できませんでした。名簿と照らしてください / names unavailable）"
_pages = Environment(loader=FileSystemLoader(Path(__file__).resolve().parents[1] / "templates"),
                     undefined=StrictUndefined, autoescape=select_autoescape(["html"]))
CSV_HEADER = ("番号", "世帯（名簿ID）", "氏名", "区分", "回覧板", "号")


@cache
def _font() -> str:
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(japanese_font_path())))
    return FONT_NAME


@cache
def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    return {"title": ParagraphStyle("title", fontName=font, fontSize=18, leading=26, spaceAfter=6),
            "heading": ParagraphStyle("heading", fontName=font, fontSize=12, leading=18,
                                      spaceAfter=8),
            "body": ParagraphStyle("body", fontName=font, fontSize=11, leading=19),
            "small": ParagraphStyle("small", fontName=font, fontSize=9, leading=13)}


def _printable(text: str) -> str:
    known = pdfmetrics.getFont(_font()).face.charToGlyph
    return "".join(c if ord(c) in known or c.isspace() else GETA for c in text)


def _paragraph(text: str, style: str) -> Paragraph:
    return Paragraph(escape(_printable(text)).replace("\n", "<br/>"), _styles()[style])


def _date(moment: datetime) -> str:
    local = moment.astimezone(JAPAN)
    return f"{local.year}年{local.month}月{local.day}日"


def _document(title: str, story: list) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                      topMargin=20 * mm, bottomMargin=20 * mm, title=_printable(title),
                      author="Kyodo", lang="ja").build(story)
    return buffer.getvalue()


def circular_pdf(circular: Circular, association_name: str) -> bytes:
    """The circular as households without a phone get it: month heading, title, body, the
    association and the date, and a box to stamp when it has been read (回覧印)."""
    story = [_paragraph(f"回覧板　{circular.month_label or ''}".strip(), "heading"),
             _paragraph(("【重要】" if circular.critical else "") + circular.title, "title"),
             _paragraph(f"{association_name}　{_date(circular.sent_at)}".strip(), "heading"),
             Spacer(1, 4 * mm), _paragraph(circular.body, "body"), Spacer(1, 10 * mm),
             _paragraph("読んだら印を押して次の家へ回してください。", "small")]
    return _document(circular.title, story)


def visit_list_pdf(visit: VisitList) -> bytes:
    """One row per household not yet read, with a column to tick on the visit."""
    circular = visit.circular
    rows = [["番号", "氏名", "区分", "訪問・確認"]] + [
        [str(number), _printable(name), "紙" if receipt.paper else "アプリ未読", ""]
        for number, (receipt, name) in enumerate(visit.households, start=1)]
    table = Table(rows, colWidths=(15 * mm, 80 * mm, 35 * mm, 40 * mm), repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), _font()),
                               ("FONTSIZE", (0, 0), (-1, -1), 11),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    heading = " ".join(part for part in (circular.month_label, circular.title) if part)
    story = [_paragraph("訪問リスト（未読の世帯）", "title"),
             _paragraph(f"回覧板: {heading}（{_date(circular.sent_at)}）", "heading"),
             _paragraph(f"未読 {len(visit.households)} 世帯", "heading")]
    if not visit.names_known:
        story.append(_paragraph(NAMES_MISSING, "small"))
    story += [Spacer(1, 4 * mm), table]
    return _document(f"訪問リスト {circular.title}", story)


def visit_list_csv(visit: VisitList) -> bytes:
    """The same rows for Excel: UTF-8 with a BOM, or Japanese Excel shows mojibake."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for number, (receipt, name) in enumerate(visit.households, start=1):
        writer.writerow((number, receipt.entry_id, name, "紙" if receipt.paper else "アプリ未読",
                         visit.circular.title, visit.circular.month_label or ""))
    return buffer.getvalue().encode("utf-8-sig")


def read_page_html(circular: Circular, receipt: HouseholdReceipt) -> bytes:
    """What the link in a message opens: the circular and a 「確認しました」 button that POSTs
    the read (a GET changes nothing, so a mail scanner following links confirms nothing)."""
    return _pages.get_template("circular_read.html").render(
        title=circular.title, month_label=circular.month_label, critical=circular.critical,
        paragraphs=[p for p in circular.body.split("\n") if p.strip()],
        read_at=receipt.read_at and _date(receipt.read_at)).encode("utf-8")
