"""A report document as XLSX (XlsxWriter): a summary sheet, one Japanese-named sheet per
section with numbers stored as numbers, and a native Excel chart where the section has one."""
import io
import re

import xlsxwriter

from services.reports.domain.report_document import ReportDocument, Section

SUMMARY_SHEET = "概要"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
CHART_TYPES = {"bar": "column", "line": "line"}


def xlsx_bytes(document: ReportDocument) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    title = workbook.add_format({"bold": True, "font_size": 14, "font_name": "游ゴシック"})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    plain = workbook.add_format({"border": 1})
    summary = workbook.add_worksheet(SUMMARY_SHEET)
    summary.set_column(0, 0, 36)
    summary.set_column(1, 1, 18)
    summary.write(0, 0, document.title, title)
    summary.write(1, 0, document.subtitle)
    for index, (label, value) in enumerate(document.headline, start=3):
        summary.write(index, 0, label, plain)
        _write(summary, index, 1, value, plain)
    row = len(document.headline) + 4
    for note in document.notes:
        summary.write(row, 0, note)
        row += 1
    used = {SUMMARY_SHEET}
    for section in document.sections:
        _section_sheet(workbook, _sheet_name(section.title, used), section, bold, plain)
    workbook.close()
    return buffer.getvalue()


def _section_sheet(workbook, name: str, section: Section, bold, plain) -> None:
    sheet = workbook.add_worksheet(name)
    sheet.set_column(0, len(section.header) - 1, 16)
    for column, heading in enumerate(section.header):
        sheet.write(0, column, heading, bold)
    for row_index, row in enumerate(section.rows, start=1):
        for column, value in enumerate(row):
            _write(sheet, row_index, column, value, plain)
    last = len(section.rows) + 2
    for offset, note in enumerate(section.notes):
        sheet.write(last + offset, 0, note)
    chart = section.chart
    if chart is None or not chart.categories:
        return
    # The chart reads its own small table (the visible categories only) beside the section's.
    first_column = len(section.header) + 1
    sheet.write(0, first_column, chart.title, bold)
    for index, category in enumerate(chart.categories, start=1):
        sheet.write(index, first_column, category)
    for number, (series_name, values) in enumerate(chart.series, start=1):
        sheet.write(0, first_column + number, series_name, bold)
        for index, value in enumerate(values, start=1):
            _write(sheet, index, first_column + number, value, None)
    native = workbook.add_chart({"type": CHART_TYPES.get(chart.kind, "column")})
    count = len(chart.categories)
    for number, (series_name, _) in enumerate(chart.series, start=1):
        native.add_series({
            "name": [name, 0, first_column + number],
            "categories": [name, 1, first_column, count, first_column],
            "values": [name, 1, first_column + number, count, first_column + number]})
    native.set_title({"name": chart.title})
    native.set_y_axis({"name": chart.unit})
    native.set_legend({"position": "bottom"})
    sheet.insert_chart(last + len(section.notes) + 1, 0, native)


def _write(sheet, row: int, column: int, value, cell_format) -> None:
    if value is None:
        sheet.write_blank(row, column, None, cell_format)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, column, value, cell_format)
    else:
        sheet.write_string(row, column, str(value), cell_format)


def _sheet_name(title: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique regardless of case."""
    base = _SHEET_FORBIDDEN.sub("_", title)[:31] or "Sheet"
    name, number = base, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f"({number})"
        name, number = base[:31 - len(suffix)] + suffix, number + 1
    used.add(name)
    return name
