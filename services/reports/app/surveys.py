"""Business survey use cases: operators define, open, close and invite; an invited business
answers once and edits until the close; results for operators (with free text) and for invited
businesses (without). Consent to the public partner list may come with an answer."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound, invalid
from services.common.pagination import Page, page_of
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.contract.vocabulary import CLOSED, OPEN, SURVEY_STATUSES
from services.reports.domain.partner_directory import Listing
from services.reports.domain.survey import (Question, Survey, SurveyResponse, SurveyResults,
                                            results)

NOT_FOUND = "アンケートがありません / no such survey"
OPERATORS_ONLY = "運営者のみの操作です / operators only"


@dataclass(frozen=True)
class DefineSurvey:
    request_id: str
    title: str
    description: str
    questions: list[Question]


@dataclass(frozen=True)
class Answer:
    survey_id: str
    answers: dict
    directory_consent: bool | None = None  # None: leave the listing as it is
    display_name: str | None = None
    message: str = ""


def define_survey(uow: ReportsUnitOfWork, actor: Actor, command: DefineSurvey) -> Survey:
    _operator(actor)
    with uow:
        existing = uow.surveys.get(command.request_id)
        if existing is not None:
            return existing  # a retried request
        survey = Survey.define(command.request_id, command.title, command.description,
                               command.questions, datetime.now(timezone.utc))
        uow.surveys.add(survey)
        uow.commit()
    return survey


def open_survey(uow: ReportsUnitOfWork, actor: Actor, survey_id: str) -> Survey:
    return _change(uow, actor, survey_id, lambda s, now: s.open(now))


def close_survey(uow: ReportsUnitOfWork, actor: Actor, survey_id: str) -> Survey:
    return _change(uow, actor, survey_id, lambda s, now: s.close(now))


def _change(uow, actor, survey_id, change) -> Survey:
    _operator(actor)
    with uow:
        survey = _survey(uow, survey_id)
        change(survey, datetime.now(timezone.utc))
        uow.surveys.save(survey)
        uow.commit()
    return survey


def invite(uow: ReportsUnitOfWork, actor: Actor, survey_id: str, partner_ids: list[str]) -> int:
    """Invites businesses (repeated invitations are no-ops); returns how many are invited."""
    _operator(actor)
    with uow:
        survey = _survey(uow, survey_id)
        if survey.status == "closed":
            raise invalid(survey_id="締め切ったアンケートには招待できません / the survey is closed")
        uow.surveys.invite(survey_id, sorted(set(partner_ids)))
        count = len(uow.surveys.invited(survey_id))
        uow.commit()
    return count


def list_surveys(uow: ReportsUnitOfWork, actor: Actor, status: str | None, after: list | None,
                 limit: int) -> Page:
    """Operators: every survey; a business: the open or closed ones it was invited to (a draft
    is not shown to it, even when asked for by status). Newest first, a page at a time."""
    if actor.is_operator:
        invited, shown = None, SURVEY_STATUSES
    elif actor.role == "partner" and actor.subject_id:
        invited, shown = actor.subject_id, (OPEN, CLOSED)
    else:
        return Page([], None)
    statuses = tuple(s for s in shown if status in (None, s))
    if not statuses:
        return Page([], None)
    with uow:
        found = uow.surveys.listed(statuses, after, limit, invited)
    return page_of(found, limit, _survey_key)


def _survey_key(survey: Survey) -> list:
    return [survey.created_at.isoformat(), survey.id]


def get_survey(uow: ReportsUnitOfWork, actor: Actor, survey_id: str) -> Survey:
    with uow:
        return _readable(uow, actor, survey_id)


def answer(uow: ReportsUnitOfWork, actor: Actor, command: Answer) -> SurveyResponse:
    """One answer per business and survey: the first creates it, later ones edit it, until the
    survey closes."""
    if actor.role != "partner" or not actor.subject_id:
        raise Forbidden("回答できるのは招待された事業者です / invited businesses answer")
    now = datetime.now(timezone.utc)
    with uow:
        survey = _readable(uow, actor, command.survey_id)
        survey.check_open_for_answers()
        answers = survey.checked_answers(command.answers)
        listing = None
        if command.directory_consent:
            listing = Listing.consent(actor.subject_id, command.display_name, command.message,
                                      "survey", now)
        earlier = uow.surveys.response(survey.id, actor.subject_id)
        response = SurveyResponse(survey.id, actor.subject_id, answers,
                                  earlier.submitted_at if earlier else now, now)
        uow.surveys.save_response(response)
        if listing is not None:
            uow.directory.save(listing)
        elif command.directory_consent is False:
            uow.directory.remove(actor.subject_id)
        uow.commit()
    return response


def my_answer(uow: ReportsUnitOfWork, actor: Actor, survey_id: str) -> SurveyResponse:
    with uow:
        _readable(uow, actor, survey_id)
        found = uow.surveys.response(survey_id, actor.subject_id or "")
    if found is None or actor.role != "partner":
        raise NotFound("回答がありません / no answer yet")
    return found


def survey_results(uow: ReportsUnitOfWork, actor: Actor, survey_id: str) -> SurveyResults:
    with uow:
        survey = _readable(uow, actor, survey_id)
        return results(survey, uow.surveys.responses(survey_id),
                       len(uow.surveys.invited(survey_id)), with_free_text=actor.is_operator)


def results_in(uow: ReportsUnitOfWork, survey_id: str) -> SurveyResults:
    """For the operators' export (inside the report worker's transaction)."""
    survey = _survey(uow, survey_id)
    return results(survey, uow.surveys.responses(survey_id),
                   len(uow.surveys.invited(survey_id)), with_free_text=True)


def _survey(uow, survey_id: str) -> Survey:
    survey = uow.surveys.get(survey_id)
    if survey is None:
        raise NotFound(NOT_FOUND)
    return survey


def _readable(uow, actor: Actor, survey_id: str) -> Survey:
    """Operators read every survey; a business only one it was invited to and that is not a
    draft; to anyone else it does not exist."""
    survey = uow.surveys.get(survey_id)
    if survey is not None and (actor.is_operator or (
            actor.role == "partner" and survey.status != "draft"
            and actor.subject_id in uow.surveys.invited(survey_id))):
        return survey
    raise NotFound(NOT_FOUND)


def _operator(actor: Actor) -> None:
    if not actor.is_operator:
        raise Forbidden(OPERATORS_ONLY)
