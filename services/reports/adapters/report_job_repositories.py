"""SQLAlchemy storage of report jobs and their generated files."""
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc

from services.reports.adapters.tables import report_files, report_jobs
from services.reports.domain.report_job import ReportFile, ReportJob


class SqlReportJobRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, job: ReportJob) -> None:
        self._session.execute(insert(report_jobs).values(
            job_id=job.id, report_kind=job.report_kind, requested_by=job.requested_by,
            partner_id=job.partner_id, fiscal_year=job.fiscal_year, formats=list(job.formats),
            title_name=job.title_name, status=job.status, requested_at=job.requested_at,
            finished_at=job.finished_at, as_of=job.as_of, survey_id=job.survey_id))

    def get(self, job_id: str) -> ReportJob | None:
        row = self._session.execute(select(report_jobs).where(
            report_jobs.c.job_id == job_id)).first()
        return None if row is None else _job(row)

    def recent(self, partner_id: str | None, limit: int) -> list[ReportJob]:
        statement = select(report_jobs).order_by(report_jobs.c.requested_at.desc(),
                                                 report_jobs.c.job_id).limit(limit)
        if partner_id is not None:
            statement = statement.where(report_jobs.c.partner_id == partner_id)
        return [_job(row) for row in self._session.execute(statement)]

    def save(self, job: ReportJob) -> None:
        self._session.execute(update(report_jobs).where(report_jobs.c.job_id == job.id).values(
            status=job.status, finished_at=job.finished_at))

    def add_file(self, job_id: str, report_file: ReportFile) -> None:
        self._session.execute(insert(report_files).values(
            job_id=job_id, format=report_file.format, content_type=report_file.content_type,
            filename=report_file.filename, content=report_file.content))

    def file(self, job_id: str, fmt: str) -> ReportFile | None:
        row = self._session.execute(select(report_files).where(
            report_files.c.job_id == job_id, report_files.c.format == fmt)).first()
        return None if row is None else ReportFile(row.format, row.content_type, row.filename,
                                                   bytes(row.content))


def _job(row) -> ReportJob:
    return ReportJob(row.job_id, row.report_kind, row.requested_by, row.partner_id,
                     row.fiscal_year, list(row.formats), row.title_name, row.status,
                     as_utc(row.requested_at), row.finished_at and as_utc(row.finished_at),
                     row.as_of, row.survey_id)
