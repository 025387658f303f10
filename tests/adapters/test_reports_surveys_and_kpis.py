"""Surveys, the partner directory, KPI values and report jobs on SQLite and PostgreSQL (schema
from the migrations) answer as the in-memory fakes do."""
import uuid
from datetime import date, datetime
from functools import partial

import pytest

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.pagination import decode_cursor
from services.common.event_handling import apply_once
from services.common.migrations import upgrade
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app import directory, kpi, report_jobs, surveys
from services.reports.app.kpi import DefineIndicator, DrillDown, ProgressQuery
from services.reports.app.report_jobs import Generation, RequestReport
from services.reports.app.surveys import Answer, DefineSurvey
from services.reports.contract.events import PUBLISHED
from services.reports.domain.report_job import ReportFile
from services.reports.domain.survey import Question
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork

OPERATOR = Actor("operator", key_id="op")
SHOP = str(uuid.uuid4())
PARTNER = Actor("partner", SHOP)


@pytest.fixture
def sql_uow(database_url):
    upgrade("reports", database_url)
    engine = make_engine(database_url)
    yield SqlReportsUnitOfWork(make_session_factory(engine), "reports", PUBLISHED, MESSAGING)
    engine.dispose()


def _survey_story(uow):
    survey = surveys.define_survey(uow, OPERATOR, DefineSurvey(
        "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "アンケート", "", [
            Question("q1", "取り組み", "single", True, ("はい", "いいえ")),
            Question("q2", "分野", "multiple", False, ("防災", "福祉")),
            Question("q3", "意見", "text")]))
    surveys.invite(uow, OPERATOR, survey.id, [SHOP, str(uuid.uuid4())])
    surveys.invite(uow, OPERATOR, survey.id, [SHOP])  # again: nothing new
    surveys.open_survey(uow, OPERATOR, survey.id)
    surveys.answer(uow, PARTNER, Answer(survey.id, {"q1": "はい", "q2": ["防災"]}))
    surveys.answer(uow, PARTNER, Answer(survey.id, {"q1": "いいえ", "q3": "ｶﾀｶﾅと𠮷"}, True,
                                        "岩国商事"))
    found = surveys.survey_results(uow, OPERATOR, survey.id)
    listed = directory.public_directory(uow)
    mine = [s.id for s in surveys.list_surveys(uow, PARTNER, None, None, 50).items]
    return ((found.invited, found.responses, found.response_rate),
            [(q.counts, q.percentages, q.texts) for q in found.questions],
            [(e.partner_id, e.display_name) for e in listed], mine,
            surveys.my_answer(uow, PARTNER, survey.id).answers)


def _every_page(uow, actor, status):
    titles, after = [], None
    while True:
        page = surveys.list_surveys(uow, actor, status, decode_cursor(after), 2)
        titles += [survey.title for survey in page.items]
        if page.next_cursor is None:
            return titles
        after = page.next_cursor


@pytest.mark.parametrize("store", ["sql", "fake"])
def test_surveys_are_listed_by_status_a_page_at_a_time(sql_uow, store):
    uow = sql_uow if store == "sql" else MemoryReportsUnitOfWork()
    states = ["draft", "open", "closed", "open", "draft"]
    for index, state in enumerate(states):  # ids rise with creation: a tie in time keeps the order
        survey = surveys.define_survey(uow, OPERATOR, DefineSurvey(
            f"00000000-0000-4000-8000-00000000000{index}", f"調査{index}", "", [
                Question("q1", "取り組み", "single", True, ("はい", "いいえ"))]))
        surveys.invite(uow, OPERATOR, survey.id, [SHOP])
        if state != "draft":
            surveys.open_survey(uow, OPERATOR, survey.id)
        if state == "closed":
            surveys.close_survey(uow, OPERATOR, survey.id)
    newest_first = [(f"調査{i}", state) for i, state in reversed(list(enumerate(states)))]
    assert _every_page(uow, OPERATOR, None) == [title for title, _ in newest_first]
    assert _every_page(uow, OPERATOR, "open") == ["調査3", "調査1"]
    assert _every_page(uow, PARTNER, None) == ["調査3", "調査2", "調査1"]
    assert _every_page(uow, PARTNER, "draft") == []


def test_surveys_and_the_directory_match_the_fake(sql_uow):
    assert _survey_story(sql_uow) == _survey_story(MemoryReportsUnitOfWork())


def _kpi_story(uow):
    for region, day in (("yu", "2024-05-01"), ("kuga", "2024-08-01"), ("yu", "2025-06-01")):
        deliver(uow, "registry.organisation_registered", {
            "organisation_id": str(uuid.uuid5(uuid.NAMESPACE_URL, region + day)), "kind": "npo",
            "region": region, "fields": [], "status": "verified"},
            datetime.fromisoformat(day + "T03:00:00+00:00"))
    deliver(uow, "registry.membership_rate_recalculated", {
        "region": "yu", "as_of": "2024-06-01", "associations": 2, "households_in_area": 200,
        "member_households": 150, "rate": 0.75})
    for code, measure in (("orgs", "organisations_registered"), ("rate", "membership_rate")):
        kpi.define_indicator(uow, OPERATOR, DefineIndicator(
            code, code, measure, None, "higher", None, 1.0, {2024: 2.0}),
            now=datetime.fromisoformat("2024-04-01T00:00:00+00:00"))
    kpi.set_target(uow, OPERATOR, "orgs", 2025, 3.0,
                   now=datetime.fromisoformat("2025-04-01T00:00:00+00:00"))
    _, now = kpi.plan_progress(uow, ProgressQuery(None, ("yu", "kuga")))
    _, then = kpi.plan_progress(uow, ProgressQuery(date(2024, 12, 31), ("yu", "kuga")))
    _, events = kpi.drill_down(uow, DrillDown("orgs", 2024, "yu"))
    return ([(p.indicator.code, p.indicator.version, p.years, p.by_region) for p in now],
            [(p.indicator.code, p.indicator.version, p.years) for p in then],
            [(e.occurred_on, e.region, e.value) for e in events])


def test_kpi_values_versions_and_drill_down_match_the_fake(sql_uow):
    sql, memory = _kpi_story(sql_uow), _kpi_story(MemoryReportsUnitOfWork())
    assert sql == memory
    now, then, events = sql
    assert [(code, version) for code, version, *_ in now] == [("orgs", 2), ("rate", 1)]
    assert then[0][1] == 1 and events == [(date(2024, 5, 1), "yu", 1.0)]


class Renderer:
    def render(self, document, fmt):
        return ReportFile(fmt, "text/csv", f"{document.filename_stem}.{fmt}",
                          document.title.encode())


def test_a_job_that_crashes_mid_generation_commits_nothing_and_is_redone(sql_uow):
    job = report_jobs.request_report(sql_uow, PARTNER, RequestReport(
        str(uuid.uuid4()), "partner_annual_csr", ["csv", "pdf"], SHOP, 2024, "岩国商事"))
    envelope = Envelope("reports.report_requested", 1, "reports", {"job_id": job.id},
                        "corr").as_dict()

    class Crashing(Renderer):
        def render(self, document, fmt):
            if fmt == "pdf":  # the csv file was already written in this transaction
                raise MemoryError("the worker died")
            return super().render(document, fmt)

    with pytest.raises(MemoryError):
        apply_once(sql_uow, envelope, {"job_id": job.id}, partial(
            report_jobs.on_report_requested, generation=Generation(Crashing(), {})))
    assert report_jobs.job(sql_uow, PARTNER, job.id).status == "queued"
    with sql_uow:
        assert sql_uow.jobs.file(job.id, "csv") is None and not sql_uow.inbox.already_processed(
            envelope["id"])
    handler = partial(report_jobs.on_report_requested, generation=Generation(Renderer(), {}))
    assert apply_once(sql_uow, envelope, {"job_id": job.id}, handler)
    assert not apply_once(sql_uow, envelope, {"job_id": job.id}, handler)
    assert report_jobs.report_file(sql_uow, PARTNER, job.id, "csv").content == \
        "岩国商事 CSR活動報告書".encode()
