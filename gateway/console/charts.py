"""The geometry of the console's server-rendered SVG charts, apart from any template so it can
be tested without a browser. Every chart also has a table with the same numbers beside it: the
bars are never the only way to read a figure."""
import math
from dataclasses import dataclass

# An achievement bar's scale ends at 150 %: far past the target the bar is full and the text
# says the number; 100 % (the target) sits at two thirds of the width.
ACHIEVEMENT_SCALE = 150.0


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
    label: str
    value: int
    y: float
    length: float


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    scale_max: int        # the value the full track stands for (a round number)
    track: float          # the bars' longest possible length
    label_width: float    # room for the labels left of the bars
    bar_height: float
    height: float         # of the whole drawing

    @property
    def width(self) -> float:
        return self.label_width + self.track + 60  # room for the value after a full bar


def nice_ceiling(value: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 … at or above the value (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)


def bar_chart(values: list[tuple[str, int]], track: float = 300.0, bar_height: float = 24.0,
              gap: float = 12.0, label_width: float = 140.0) -> BarChart:
    """Horizontal bars, one per (label, value), on a round scale from 0."""
    scale_max = nice_ceiling(max((value for _, value in values), default=0))
    bars = tuple(Bar(label, value, y=round(index * (bar_height + gap), 1),
                     length=round(max(value, 0) / scale_max * track, 1))
                 for index, (label, value) in enumerate(values))
    height = len(values) * (bar_height + gap) - gap if values else bar_height
    return BarChart(bars, scale_max, track, label_width, bar_height, height)


def figure(value: float | None) -> str:
    """A KPI figure for reading: thousands separated, at most two decimals (1000000.0 as
    1,000,000; 2.5 as 2.5); empty when there is none."""
    if value is None:
        return ""
    return f"{value:,.2f}".rstrip("0").rstrip(".")
