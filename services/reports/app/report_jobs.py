"""Report jobs: a request queues a job and returns at once; reports' worker generates the files
from its read models when the request event comes back to it, and says `reports.report_ready`.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, invalid
from services.reports.app import kpi, surveys
from services.reports.app.csr_ledger import check_fiscal_year
from services.reports.app.kpi_facts import local_day
from services.reports.app.ports import ReportRenderer, ReportsUnitOfWork
from services.reports.contract.vocabulary import CITY_PROGRESS, PARTNER_ANNUAL_CSR, SURVEY_RESULTS
from services.reports.domain.city_report import city_report
from services.reports.domain.csr_ledger import DEFAULT_MIN_CELL, build_ledger
from services.reports.domain.csr_report import csr_report
from services.reports.domain.fiscal_year import fiscal_year_of
from services.reports.domain.kpi import Grades
from services.reports.domain.report_job import ReportFile, ReportJob
from services.reports.domain.survey_report import survey_report

NOT_FOUND = "見つかりません / not found"


@dataclass(frozen=True)
class RequestReport:
    request_id: str
    report_kind: str
    formats: list[str]
    partner_id: str | None = None
    fiscal_year: int | None = None
    title_name: str | None = None
    as_of: date | None = None
    survey_id: str | None = None


@dataclass(frozen=True)
class Generation:
    """What the worker needs beyond the job: the renderer and the settings it was started with."""
    renderer: ReportRenderer
    region_names: dict[str, str]
    min_cell: int = DEFAULT_MIN_CELL
    city_name: str = ""
    grades: Grades = field(default_factory=Grades)


def request_report(uow: ReportsUnitOfWork, actor: Actor, command: RequestReport) -> ReportJob:
    fiscal_year, as_of = command.fiscal_year, None
    if command.report_kind == PARTNER_ANNUAL_CSR:
        _check_partner_request(actor, command)
    elif command.report_kind == CITY_PROGRESS:
        if not actor.is_operator:
            raise Forbidden("市の進捗報告書は運営者のみです / the city report is for operators")
        as_of = command.as_of or local_day(datetime.now(timezone.utc))  # the city's today
        fiscal_year = fiscal_year_of(as_of)
        check_fiscal_year(fiscal_year)
    elif command.report_kind == SURVEY_RESULTS:
        if not actor.is_operator:
            raise Forbidden("アンケートの書き出しは運営者のみです / survey exports are for operators")
        if not command.survey_id:
            raise invalid(survey_id="アンケートを指定してください / survey_id is required")
        surveys.get_survey(uow, actor, command.survey_id)  # 404 for an unknown survey
    else:
        raise invalid(report_kind=f"未対応の種類です / unknown report kind: {command.report_kind}")
    with uow:
        existing = uow.jobs.get(command.request_id)
        if existing is not None:  # a retried request answers the job it created
            _check_reader(actor, existing)
            return existing
        job = ReportJob.request(command.request_id, command.report_kind, actor.recipient_id,
                                command.partner_id if command.report_kind == PARTNER_ANNUAL_CSR
                                else None, fiscal_year, command.formats, command.title_name,
                                datetime.now(timezone.utc), as_of,
                                command.survey_id if command.report_kind == SURVEY_RESULTS
                                else None)
        uow.jobs.add(job)
        uow.commit()
    return job


def _check_partner_request(actor: Actor, command: RequestReport) -> None:
    errors = {}
    if not command.partner_id:
        errors["partner_id"] = "事業者を指定してください / partner_id is required"
    if command.fiscal_year is None:
        errors["fiscal_year"] = "年度を指定してください / fiscal_year is required"
    if errors:
        raise invalid(**errors)
    check_fiscal_year(command.fiscal_year)
    if not actor.is_operator and not (actor.role == "partner"
                                      and actor.subject_id == command.partner_id):
        raise NotFound(NOT_FOUND)


def job(uow: ReportsUnitOfWork, actor: Actor, job_id: str) -> ReportJob:
    with uow:
        found = uow.jobs.get(job_id)
    _check_reader(actor, found)
    return found


def recent_jobs(uow: ReportsUnitOfWork, actor: Actor, limit: int = 100) -> list[ReportJob]:
    """Operators see every job; a partner its own; no one else any."""
    if actor.is_operator:
        partner_id = None
    elif actor.role == "partner" and actor.subject_id:
        partner_id = actor.subject_id
    else:
        return []
    with uow:
        return uow.jobs.recent(partner_id, limit)


def report_file(uow: ReportsUnitOfWork, actor: Actor, job_id: str, fmt: str) -> ReportFile:
    with uow:
        found = uow.jobs.get(job_id)
        _check_reader(actor, found)
        if fmt not in found.formats:
            raise NotFound(f"この形式は依頼されていません / not requested in {fmt}")
        if not found.is_done:
            raise Conflict("まだ作成中です / the report is still being generated")
        return uow.jobs.file(job_id, fmt)


def _check_reader(actor: Actor, found: ReportJob | None) -> None:
    """That partner and operators; anyone else is told nothing exists."""
    if found is None:
        raise NotFound(NOT_FOUND)
    if actor.is_operator:
        return
    if actor.role == "partner" and found.partner_id and found.partner_id == actor.subject_id:
        return
    raise NotFound(NOT_FOUND)


def on_report_requested(uow: ReportsUnitOfWork, event_id: str, payload: dict, *,
                        generation: Generation) -> None:
    """Runs in the consumer's transaction: the files, the job's status, the ready event and the
    inbox row commit together, so a crash means the request comes back and is done again."""
    found = uow.jobs.get(payload["job_id"])
    if found is None or found.is_done:
        return
    document = _document(uow, found, generation)
    for fmt in found.formats:
        uow.jobs.add_file(found.id, generation.renderer.render(document, fmt))
    found.finish(datetime.now(timezone.utc))
    uow.jobs.save(found)


def _document(uow: ReportsUnitOfWork, found: ReportJob, generation: Generation):
    if found.report_kind == SURVEY_RESULTS:
        return survey_report(surveys.results_in(uow, found.survey_id),
                             found.requested_at.date().isoformat())
    if found.report_kind == CITY_PROGRESS:
        as_of, indicators = kpi.plan_progress_in(uow, kpi.ProgressQuery(
            found.as_of, tuple(generation.region_names), generation.grades))
        return city_report(generation.city_name, as_of, indicators, generation.grades,
                           generation.region_names)
    lines = uow.csr.lines_for(found.partner_id, found.fiscal_year)
    ledger = build_ledger(found.partner_id, found.fiscal_year, lines,
                          uow.csr.headcount(found.partner_id), generation.min_cell)
    name = found.title_name or f"事業者 {found.partner_id[:8]}"
    return csr_report(ledger, name, generation.region_names,
                      found.requested_at.date().isoformat())
