"""The geometry of the console's server-rendered SVG charts, apart from any template so it can
be tested without a browser; templates/charts.html draws the bars, dashboard.html the progress
bars. Every chart also has a table with the same numbers beside it: the bars are never the only
way to read a figure.

A bar chart is a label column, then one horizontal bar per row scaled against a "nice" axis
maximum (1, 2 or 5 times a power of ten), so the ticks fall on round numbers. Labels longer than
the column are shortened in the picture only; the table carries the full text.
"""
import math
import unicodedata
from dataclasses import dataclass

# An achievement bar's scale ends at 150 %: far past the target the bar is full and the text
# says the number; 100 % (the target) sits at two thirds of the width.
ACHIEVEMENT_SCALE = 150.0

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 90  # "12（100.0%）" right of the longest bar
BAR_HEIGHT = 24
GAP = 12
AXIS_HEIGHT = 24  # tick labels under the bars
# What fits the label column at the chart's font size, in half-width columns: 12 kanji or
# kana, or 24 latin letters (service names such as "notifications" stay whole).
LABEL_COLUMNS = 24


@dataclass(frozen=True)
class ProgressBar:
    width: float          # the whole track
    fill: float           # the filled part
    target_x: float       # where the target (100 %) is marked
    beyond_scale: bool    # the achievement is past the scale's end


def progress_bar(achievement: float | None, width: float = 300.0,
                 scale: float = ACHIEVEMENT_SCALE) -> ProgressBar:
    """An achievement (per cent of the target; None when there is no target or value yet)."""
    share = 0.0 if achievement is None or math.isnan(achievement) else max(achievement, 0.0) / scale
    return ProgressBar(width=width, fill=round(min(share, 1.0) * width, 1),
                       target_x=round(100.0 / scale * width, 1), beyond_scale=share > 1.0)


@dataclass(frozen=True)
class Bar:
    label: str  # as drawn (maybe shortened)
    full_label: str
    value: int
    percentage: float | None
    y: float
    width: float


@dataclass(frozen=True)
class Tick:
    x: float
    value: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_left: int
    plot_width: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    axis_y: float
    maximum: int  # the value a full-width bar stands for

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def empty(self) -> bool:
        return not self.bars


def nice_maximum(largest: float) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ at or above `largest` (1 for nothing to show)."""
    if largest <= 1:
        return 1
    power = 10 ** math.floor(math.log10(largest))
    for step in (1, 2, 5, 10):
        if step * power >= largest:
            return int(step * power)
    return int(10 * power)  # not reached: 10 × power is always enough


def ticks_for(maximum: int) -> tuple[int, ...]:
    """Round tick values from 0 to the maximum: at most six, whole numbers."""
    step = nice_maximum(maximum / 5)
    return tuple(range(0, maximum + 1, step))


def _columns(character: str) -> int:
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def shortened(label: str, columns: int = LABEL_COLUMNS) -> str:
    """The label as drawn: whole if it fits the column, else cut with "…" (two columns)."""
    if sum(map(_columns, label)) <= columns:
        return label
    kept, used = "", 0
    for character in label:
        used += _columns(character)
        if used > columns - 2:
            break
        kept += character
    return kept + "…"


def bar_chart(rows: list[tuple], width: int = WIDTH) -> BarChart:
    """rows: (label, count) or (label, count, percentage or None), in the order they are to be
    drawn; the percentage, when given, is written after the count."""
    rows = [(str(row[0]), int(row[1]), row[2] if len(row) > 2 else None) for row in rows]
    plot_left = LABEL_WIDTH
    plot_width = width - LABEL_WIDTH - VALUE_WIDTH
    maximum = nice_maximum(max((count for _, count, _ in rows), default=0))
    bars = tuple(
        Bar(shortened(label), label, count, percentage, GAP + index * (BAR_HEIGHT + GAP),
            round(plot_width * max(count, 0) / maximum, 1))
        for index, (label, count, percentage) in enumerate(rows))
    axis_y = GAP + len(rows) * (BAR_HEIGHT + GAP)
    ticks = tuple(Tick(round(plot_left + plot_width * value / maximum, 1), value)
                  for value in ticks_for(maximum))
    return BarChart(width, int(axis_y + AXIS_HEIGHT), plot_left, plot_width, bars, ticks, axis_y,
                    maximum)


def figure(value: float | None) -> str:
    """A KPI figure for reading: thousands separated, at most two decimals (1000000.0 as
    1,000,000; 2.5 as 2.5); empty when there is none."""
    if value is None:
        return ""
    return f"{value:,.2f}".rstrip("0").rstrip(".")
