"""A report document as CSV: UTF-8 with a BOM (Japanese Excel opens it as UTF-8), one block per
section, numbers written as numbers."""
import csv
import io

from services.reports.domain.report_document import ReportDocument


def csv_bytes(document: ReportDocument) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([document.title])
    writer.writerow([document.subtitle])
    for label, value in document.headline:
        writer.writerow([label, _cell(value)])
    for section in document.sections:
        writer.writerow([])
        writer.writerow([f"■{section.title}"])
        writer.writerow(section.header)
        writer.writerows([_cell(value) for value in row] for row in section.rows)
        for note in section.notes:
            writer.writerow([note])
    for note in document.notes:
        writer.writerow([note])
    return text.getvalue().encode("utf-8-sig")


def _cell(value):
    return "" if value is None else value
