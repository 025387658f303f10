"""Reports' renderer: a document in the format asked for, with its content type and file name."""
from services.reports.adapters.report_files.csv_file import csv_bytes
from services.reports.adapters.report_files.pdf_file import pdf_bytes
from services.reports.adapters.report_files.xlsx_file import xlsx_bytes
from services.reports.domain.report_document import ReportDocument
from services.reports.domain.report_job import ReportFile

WRITERS = {
    "pdf": (pdf_bytes, "application/pdf"),
    "xlsx": (xlsx_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (csv_bytes, "text/csv; charset=utf-8"),
}


class FileReportRenderer:
    def render(self, document: ReportDocument, fmt: str) -> ReportFile:
        write, content_type = WRITERS[fmt]
        return ReportFile(fmt, content_type, f"{document.filename_stem}.{fmt}", write(document))
