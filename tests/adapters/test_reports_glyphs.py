"""𠮷 in PDFs: IPAex Gothic lacks it, so the PDF draws it in IPAmj Mincho (Debian's
fonts-ipamj-mincho). Each glyph is rendered alone with pdftoppm and its ink compared: 𠮷 must be
drawn (not blank), look like 吉 rather than like the 〓 printed for a missing character, so this
fails on a machine without the font. Without it (KYODO_JAPANESE_FALLBACK_FONT at nothing) the PDF
still prints 〓, never a box."""
import io
import shutil
import subprocess
import warnings

import pytest
from PIL import Image
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from services.common.japanese_font import fallback_font_path
from services.reports.adapters.report_files.charts import chart_png
from services.reports.adapters.report_files.pdf_file import GETA, markup, printable, register_font
from services.reports.domain.report_document import Chart

DARK = 128


def _rendered(character: str, folder) -> bytes:
    """The character alone on a small page, drawn as the reports draw text, as grey pixels."""
    buffer = io.BytesIO()
    page = SimpleDocTemplate(buffer, pagesize=(140, 140), leftMargin=10, rightMargin=10, topMargin=10,
                             bottomMargin=10)
    page.build([Paragraph(markup(character), ParagraphStyle("glyph", fontName=register_font(), fontSize=72,
                                                            leading=80))])
    pdf = folder / f"U+{ord(character):X}.pdf"
    pdf.write_bytes(buffer.getvalue())
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", "72", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
                   check=True, timeout=60)
    return Image.open(pdf.with_suffix(".png")).convert("L").tobytes()


def _ink(pixels: bytes) -> int:
    return sum(1 for value in pixels if value < DARK)


def _difference(a: bytes, b: bytes) -> int:
    return sum(1 for x, y in zip(a, b, strict=True) if (x < DARK) != (y < DARK))


def test_yoshi_is_drawn_from_the_fallback_font(tmp_path):
    assert fallback_font_path() is not None, "install fonts-ipamj-mincho (or set KYODO_JAPANESE_FALLBACK_FONT)"
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) renders the glyphs"
    yoshi, kichi, geta, blank = (_rendered(c, tmp_path) for c in ("𠮷", "吉", GETA, " "))
    assert _ink(blank) == 0 and _ink(kichi) > 0 and _ink(geta) > 0
    assert _ink(yoshi) > _ink(kichi) // 3, "𠮷 is drawn, not left blank"
    assert _difference(yoshi, geta) > _ink(geta) // 2, "𠮷 is not printed as 〓"
    assert _difference(yoshi, kichi) < _difference(yoshi, geta), "𠮷 looks like 吉, not like 〓"


def test_chart_labels_draw_yoshi_without_a_missing_glyph(tmp_path):
    assert fallback_font_path() is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        png = chart_png(Chart("bar", "𠮷野の提供", ("𠮷野", "吉田"), (("円", (1.0, 2.0)),), "円"))
    (tmp_path / "chart.png").write_bytes(png)


def test_without_the_fallback_font_yoshi_prints_as_geta(monkeypatch, tmp_path):
    monkeypatch.setenv("KYODO_JAPANESE_FALLBACK_FONT", str(tmp_path / "absent.ttf"))
    assert fallback_font_path() is None
    assert printable("𠮷野") == "〓野" and markup("𠮷野<") == "〓野&lt;"
    with pytest.warns(UserWarning, match="missing from font"):
        chart_png(Chart("bar", "𠮷野", ("𠮷野",), (("円", (1.0,)),), "円"))
