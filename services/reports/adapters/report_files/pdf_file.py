"""A report document as an A4 PDF (reportlab) in Japanese: the IPAex Gothic font embedded (and
IPAmj Mincho for the characters IPAex lacks), the headline figures, each section's table and its
chart."""
import io
from functools import cache
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Image, KeepTogether, Paragraph, SimpleDocTemplate, Table,
                                TableStyle)

from services.common.japanese_font import FALLBACK_FONT_NAME, FONT_NAME, fallback_font_path, japanese_font_path
from services.reports.adapters.report_files import to_unicode
from services.reports.adapters.report_files.charts import chart_png
from services.reports.domain.report_document import ReportDocument, Section

to_unicode.install()  # so 𠮷 survives text extraction and search

# Long tables (a year's ledger lines) are cut here in the PDF; the XLSX and CSV keep every row.
MAX_PDF_ROWS = 200
# The geta mark: Japanese typesetting's sign for a character the typefaces do not have. Better a
# visible 〓 than an empty box.
GETA = "〓"
MISSING_GLYPHS_NOTE = ("一部の文字はPDFの書体にないため〓で表示しています（XLSX・CSVでは正しく"
                       "表示されます）。")


@cache
def register_font() -> str:
    """The main font's name, registered with reportlab once."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(japanese_font_path())))
    return FONT_NAME


@cache
def _font_characters() -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(register_font()).face.charToGlyph)


@cache
def _fallback_characters(path: Path | None) -> frozenset[int]:
    """What the fallback font draws beyond the main one (registered on first use); nothing
    without it."""
    if path is None:
        return frozenset()
    font = TTFont(FALLBACK_FONT_NAME, str(path))
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph) - _font_characters()


def _drawn_by(character: str, fallback: frozenset[int]) -> str:
    code = ord(character)
    if code in _font_characters() or character.isspace():
        return FONT_NAME
    return FALLBACK_FONT_NAME if code in fallback else GETA


def printable(text: str) -> str:
    """The text with every character neither embedded font can draw replaced by 〓."""
    fallback = _fallback_characters(fallback_font_path())
    return "".join(GETA if _drawn_by(c, fallback) == GETA else c for c in text)


def markup(text: str) -> str:
    """Paragraph markup for the text: runs the main font lacks in the fallback font, characters
    neither has as 〓."""
    fallback = _fallback_characters(fallback_font_path())
    parts = []
    for font, run in groupby(text, key=lambda c: _drawn_by(c, fallback)):
        chunk = "".join(run)
        if font == GETA:
            parts.append(GETA * len(chunk))
        elif font == FALLBACK_FONT_NAME:
            parts.append(f'<font name="{FALLBACK_FONT_NAME}">{escape(chunk)}</font>')
        else:
            parts.append(escape(chunk))
    return "".join(parts)


def _paragraph(text: str, style) -> Paragraph:
    return Paragraph(markup(text), style)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=24, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", fontName=font, fontSize=11, leading=16,
                                   spaceAfter=10),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=13, leading=18,
                                  spaceBefore=10, spaceAfter=6),
        "body": ParagraphStyle("body", fontName=font, fontSize=9, leading=13),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=10),
    }


def pdf_bytes(document: ReportDocument) -> bytes:
    font = register_font()
    styles = _styles(font)
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=document.title,
                            author="Kyodo", lang="ja")
    story = [_paragraph(document.title, styles["title"]),
             _paragraph(document.subtitle, styles["subtitle"]),
             _table([("項目", "値"), *[(label, _text(value)) for label, value in document.headline]],
                    styles, font, widths=(90 * mm, 60 * mm))]
    for note in document.notes:
        story.append(_paragraph(note, styles["body"]))
    if printable(_all_text(document)) != _all_text(document):
        story.append(_paragraph(MISSING_GLYPHS_NOTE, styles["body"]))
    for section in document.sections:
        story.extend(_section(section, styles, font, pdf.width))
    pdf.build(story)
    return buffer.getvalue()


def _section(section: Section, styles, font, width) -> list:
    flowables = [_paragraph(section.title, styles["heading"])]
    if section.chart is not None and section.chart.categories:
        png = chart_png(section.chart)
        flowables.append(Image(io.BytesIO(png), width=width, height=width * 2.6 / 6.0))
    rows = section.rows[:MAX_PDF_ROWS]
    if rows:
        flowables.append(_table([section.header, *[[_text(v) for v in row] for row in rows]],
                                styles, font))
    else:
        flowables.append(Paragraph("該当なし", styles["body"]))
    if len(section.rows) > MAX_PDF_ROWS:
        flowables.append(Paragraph(f"ほか{len(section.rows) - MAX_PDF_ROWS}件（全件はXLSX・CSVに"
                                   "あります）", styles["body"]))
    for note in section.notes:
        flowables.append(_paragraph(note, styles["body"]))
    return [KeepTogether(flowables[:3]), *flowables[3:]]


def _all_text(document: ReportDocument) -> str:
    parts = [document.title, document.subtitle, *document.notes,
             *(str(v) for pair in document.headline for v in pair)]
    for section in document.sections:
        parts.extend([section.title, *section.header, *section.notes,
                      *(str(v) for row in section.rows[:MAX_PDF_ROWS] for v in row)])
    return "\n".join(parts)


def _table(rows, styles, font, widths=None) -> Table:
    cells = [[_paragraph(str(value), styles["cell"]) for value in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
