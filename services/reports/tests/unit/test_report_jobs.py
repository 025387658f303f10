"""Report jobs: a request queues a job (202) and returns; the worker generates each format once,
even when the request event comes back after a crash; only that partner and operators read it."""
import uuid
from datetime import date

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from services.reports.app import report_jobs
from services.reports.app.report_jobs import Generation, RequestReport
from services.reports.domain.report_job import ReportFile
from services.reports.tests.fakes import MemoryReportsUnitOfWork

SHOP, OTHER = str(uuid.uuid4()), str(uuid.uuid4())
PARTNER, OPERATOR = Actor("partner", SHOP), Actor("operator", key_id="op-key")


class RecordingRenderer:
    """Renders a document as its title and section names, and counts the calls."""

    def __init__(self, fail=False):
        self.calls, self.fail = [], fail

    def render(self, document, fmt):
        if self.fail:
            raise RuntimeError("the worker crashed mid-generation")
        self.calls.append((document.title, fmt))
        body = " ".join([document.title, *(s.title for s in document.sections)])
        return ReportFile(fmt, "text/plain", f"{document.filename_stem}.{fmt}", body.encode())


def request(uow, actor=PARTNER, partner=SHOP, year=2024, formats=("pdf", "csv"), request_id=None):
    return report_jobs.request_report(uow, actor, RequestReport(
        request_id or str(uuid.uuid4()), "partner_annual_csr", list(formats), partner, year,
        "岩国テック株式会社"))


def work(uow, renderer):
    """Delivers the queued request events to the worker, as reports' consumer does."""
    requests = [e for e in uow.published if e.type == "reports.report_requested"]
    handler = _handler(renderer)
    return [deliver_with(uow, e.payload(), handler) for e in requests]


def _handler(renderer):
    from functools import partial
    return partial(report_jobs.on_report_requested,
                   generation=Generation(renderer, {"yu": "由宇"}, 5, "岩国市"))


def deliver_with(uow, payload, handler, event_id=None):
    from services.common.envelope import Envelope
    from services.common.event_handling import apply_once
    envelope = Envelope("reports.report_requested", 1, "reports", payload, "corr").as_dict()
    if event_id:
        envelope["id"] = event_id
    return apply_once(uow, envelope, payload, handler)


def test_a_request_queues_a_job_and_the_worker_makes_each_format_once():
    uow = MemoryReportsUnitOfWork()
    job = request(uow)
    assert job.status == "queued" and job.formats == ["csv", "pdf"]
    with pytest.raises(Conflict):
        report_jobs.report_file(uow, PARTNER, job.id, "pdf")
    renderer = RecordingRenderer()
    assert work(uow, renderer) == [True]
    assert renderer.calls == [("岩国テック株式会社 CSR活動報告書", "csv"),
                              ("岩国テック株式会社 CSR活動報告書", "pdf")]
    assert report_jobs.job(uow, PARTNER, job.id).status == "done"
    found = report_jobs.report_file(uow, PARTNER, job.id, "pdf")
    assert found.filename == "CSR活動報告書_2024年度.pdf" and "明細" in found.content.decode()
    [ready] = [e for e in uow.published if e.type == "reports.report_ready"]
    assert ready.payload() == {"job_id": job.id, "requested_by": f"partner:{SHOP}",
                               "report_kind": "partner_annual_csr", "fiscal_year": 2024,
                               "formats": ["csv", "pdf"]}


def test_a_crashed_generation_is_redone_and_a_redelivery_does_nothing_twice():
    uow = MemoryReportsUnitOfWork()
    job = request(uow)
    event_id = str(uuid.uuid4())
    with pytest.raises(RuntimeError):
        deliver_with(uow, {"job_id": job.id}, _handler(RecordingRenderer(fail=True)), event_id)
    assert report_jobs.job(uow, OPERATOR, job.id).status == "queued"  # nothing half-written
    assert uow.jobs.files == {}
    renderer = RecordingRenderer()
    assert deliver_with(uow, {"job_id": job.id}, _handler(renderer), event_id)
    assert not deliver_with(uow, {"job_id": job.id}, _handler(renderer), event_id)
    # another copy of the request (a second relay) finds the job done and adds nothing
    assert deliver_with(uow, {"job_id": job.id}, _handler(renderer))
    assert len(renderer.calls) == 2
    assert len([e for e in uow.published if e.type == "reports.report_ready"]) == 1


def test_a_retried_request_answers_the_same_job():
    uow = MemoryReportsUnitOfWork()
    request_id = str(uuid.uuid4())
    first = request(uow, request_id=request_id)
    again = request(uow, request_id=request_id)
    assert first.id == again.id and len(uow.jobs.jobs) == 1


def test_only_that_partner_and_operators_request_and_read_it():
    uow = MemoryReportsUnitOfWork()
    job = request(uow)
    work(uow, RecordingRenderer())
    stranger = Actor("partner", OTHER)
    with pytest.raises(NotFound):
        request(uow, actor=stranger, partner=SHOP)
    for actor in (stranger, Actor("organisation", SHOP), Actor("citizen", SHOP)):
        with pytest.raises(NotFound):
            report_jobs.job(uow, actor, job.id)
        with pytest.raises(NotFound):
            report_jobs.report_file(uow, actor, job.id, "pdf")
    assert report_jobs.report_file(uow, OPERATOR, job.id, "csv").format == "csv"
    with pytest.raises(NotFound):
        report_jobs.report_file(uow, OPERATOR, job.id, "xlsx")  # not asked for
    with pytest.raises(NotFound):
        report_jobs.job(uow, OPERATOR, str(uuid.uuid4()))


def test_bad_requests_change_nothing():
    uow = MemoryReportsUnitOfWork()
    with pytest.raises(ValidationFailed) as refused:
        request(uow, year=1990)
    assert "fiscal_year" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        request(uow, actor=OPERATOR, partner=None, year=None)
    assert set(refused.value.fields) == {"partner_id", "fiscal_year"}
    assert uow.jobs.jobs == {} and uow.published == []


def test_the_job_list_shows_a_partner_only_its_own():
    uow = MemoryReportsUnitOfWork()
    mine = request(uow)
    theirs = request(uow, actor=OPERATOR, partner=OTHER)
    assert [j.id for j in report_jobs.recent_jobs(uow, PARTNER)] == [mine.id]
    assert {j.id for j in report_jobs.recent_jobs(uow, OPERATOR)} == {mine.id, theirs.id}
    assert report_jobs.recent_jobs(uow, Actor("organisation", SHOP)) == []


def test_the_city_report_is_for_operators_and_pinned_to_its_day():
    uow = MemoryReportsUnitOfWork()
    with pytest.raises(Forbidden):
        report_jobs.request_report(uow, PARTNER, RequestReport(
            str(uuid.uuid4()), "city_progress", ["pdf"]))
    job = report_jobs.request_report(uow, OPERATOR, RequestReport(
        str(uuid.uuid4()), "city_progress", ["pdf"], as_of=date(2025, 3, 31)))
    assert (job.as_of, job.fiscal_year, job.partner_id) == (date(2025, 3, 31), 2024, None)
    renderer = RecordingRenderer()
    work(uow, renderer)
    assert renderer.calls == [("岩国市 地域づくり協働推進計画 進捗報告書", "pdf")]
    assert report_jobs.job(uow, OPERATOR, job.id).status == "done"
    with pytest.raises(NotFound):
        report_jobs.job(uow, PARTNER, job.id)
