"""Chart images for PDFs: matplotlib's object API (no pyplot global state, safe in a worker)
with the Japanese font, and the fallback font for what it lacks (𠮷), so labels never turn into
boxes."""
import io
from functools import cache
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager

from services.common.japanese_font import fallback_font_path, japanese_font_path
from services.reports.domain.report_document import Chart


@cache
def _font(main: Path, fallback: Path | None) -> FontProperties:
    """A family list: matplotlib (≥ 3.6) draws each character in the first family that has it."""
    families = []
    for path in (main, fallback):
        if path is not None:
            fontManager.addfont(str(path))
            families.append(FontProperties(fname=str(path)).get_name())
    return FontProperties(family=families)


def chart_png(chart: Chart, width_inches: float = 6.0, height_inches: float = 2.6) -> bytes:
    font = _font(japanese_font_path(), fallback_font_path())
    figure = Figure(figsize=(width_inches, height_inches), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    positions = range(len(chart.categories))
    count = max(len(chart.series), 1)
    width = 0.8 / count
    for number, (name, values) in enumerate(chart.series):
        numbers = [0.0 if v is None else v for v in values]
        if chart.kind == "line":
            axes.plot(list(positions), numbers, marker="o", label=name)
        else:
            axes.bar([p + (number - (count - 1) / 2) * width for p in positions], numbers,
                     width=width, label=name)
    axes.set_xticks(list(positions))
    axes.set_xticklabels(chart.categories, fontproperties=font, fontsize=8)
    axes.set_title(chart.title, fontproperties=font, fontsize=10)
    axes.set_ylabel(chart.unit, fontproperties=font, fontsize=8)
    if len(chart.series) > 1:
        axes.legend(prop=font, fontsize=7)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
