"""Geometry of the console's horizontal bar charts (survey results, read counts), kept pure so
the templates only draw what is computed here: inline SVG, no JavaScript.

A chart is a label column, then one bar per row scaled against a "nice" axis maximum (1, 2 or 5
times a power of ten), so the ticks fall on round numbers. Labels longer than the column are
shortened in the picture only; the table beside every chart carries the full text.
"""
import math
from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 90  # "12（100.0%）" right of the longest bar
BAR_HEIGHT = 24
GAP = 12
AXIS_HEIGHT = 24  # tick labels under the bars
LABEL_CHARACTERS = 12  # what fits the label column at the chart's font size


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


def shortened(label: str, characters: int = LABEL_CHARACTERS) -> str:
    return label if len(label) <= characters else label[:characters - 1] + "…"


def bar_chart(rows: list[tuple[str, int, float | None]], width: int = WIDTH) -> BarChart:
    """rows: (label, count, percentage or None) in the order they are to be drawn."""
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
    return BarChart(width, int(axis_y + AXIS_HEIGHT), plot_left, plot_width, bars, ticks, axis_y)


def question_rows(result: dict) -> list[tuple[str, int, float | None]]:
    """A survey question's counts in the order people saw them: choices as defined, scale
    points 1–5; number and free-text questions have no bars."""
    counts, percentages = result.get("counts") or {}, result.get("percentages") or {}
    question = result.get("question") or {}
    if question.get("kind") in ("single", "multiple"):
        order = list(question.get("options") or []) + [
            key for key in counts if key not in (question.get("options") or [])]
    elif question.get("kind") == "scale":
        order = sorted(counts, key=lambda key: int(key) if key.isdigit() else 0)
    else:
        return []
    return [(key, int(counts.get(key, 0)), percentages.get(key)) for key in order]


def share(part: int, whole: int) -> float | None:
    """part of whole in percent, one decimal; None when there is no whole."""
    return round(part / whole * 100, 1) if whole else None
