"""What a generated report says, independent of its file format: a title, headline figures, and
sections (a table each, perhaps a chart). The PDF, XLSX and CSV writers render the same document,
so the three files always agree."""
from dataclasses import dataclass, field

Cell = str | int | float | None


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar" or "line"
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]  # (name, one value per category)
    unit: str = ""


@dataclass(frozen=True)
class Section:
    title: str  # also the XLSX sheet name: at most 31 characters, none of []:*?/\
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: Chart | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportDocument:
    title: str
    subtitle: str
    filename_stem: str  # the download's name without its extension (Japanese is fine)
    headline: tuple[tuple[str, Cell], ...]  # (label, value): the key figures
    sections: tuple[Section, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()
