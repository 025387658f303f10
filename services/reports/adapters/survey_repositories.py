"""SQLAlchemy storage of business surveys, invitations, answers and the partner directory."""
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import delete, insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.reports.adapters.tables import (directory_listings, survey_invitations,
                                              survey_responses, surveys)
from services.reports.domain.partner_directory import Listing
from services.reports.domain.survey import Question, Survey, SurveyResponse


class SqlSurveyRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, survey: Survey) -> None:
        self._session.execute(insert(surveys).values(
            survey_id=survey.id, title=survey.title, description=survey.description,
            questions=[{**asdict(q), "options": list(q.options)} for q in survey.questions],
            status=survey.status, created_at=survey.created_at, opened_at=survey.opened_at,
            closed_at=survey.closed_at))

    def get(self, survey_id: str) -> Survey | None:
        row = self._session.execute(select(surveys).where(
            surveys.c.survey_id == survey_id)).first()
        return None if row is None else _survey(row)

    def save(self, survey: Survey) -> None:
        self._session.execute(update(surveys).where(surveys.c.survey_id == survey.id).values(
            status=survey.status, opened_at=survey.opened_at, closed_at=survey.closed_at))

    def listed(self, statuses: tuple[str, ...], after: list | None, limit: int,
               invited: str | None = None) -> list[Survey]:
        s = surveys.c
        query = (select(surveys).where(s.status.in_(statuses))
                 .order_by(s.created_at.desc(), s.survey_id.desc()).limit(limit))
        if invited is not None:
            query = query.join(survey_invitations, survey_invitations.c.survey_id == s.survey_id
                               ).where(survey_invitations.c.partner_id == invited)
        if after:
            query = query.where(tuple_(s.created_at, s.survey_id) < (
                datetime.fromisoformat(after[0]), after[1]))
        return [_survey(row) for row in self._session.execute(query)]

    def invite(self, survey_id: str, partner_ids: list[str]) -> None:
        new = sorted(set(partner_ids) - self.invited(survey_id))
        if new:
            self._session.execute(insert(survey_invitations), [
                {"survey_id": survey_id, "partner_id": partner_id} for partner_id in new])

    def invited(self, survey_id: str) -> set[str]:
        return set(self._session.execute(select(survey_invitations.c.partner_id).where(
            survey_invitations.c.survey_id == survey_id)).scalars())

    def save_response(self, response: SurveyResponse) -> None:
        table = survey_responses
        self._session.execute(delete(table).where(table.c.survey_id == response.survey_id,
                                                  table.c.partner_id == response.partner_id))
        self._session.execute(insert(table).values(
            survey_id=response.survey_id, partner_id=response.partner_id,
            answers=response.answers, submitted_at=response.submitted_at,
            updated_at=response.updated_at))

    def response(self, survey_id: str, partner_id: str) -> SurveyResponse | None:
        row = self._session.execute(select(survey_responses).where(
            survey_responses.c.survey_id == survey_id,
            survey_responses.c.partner_id == partner_id)).first()
        return None if row is None else _response(row)

    def responses(self, survey_id: str) -> list[SurveyResponse]:
        rows = self._session.execute(select(survey_responses).where(
            survey_responses.c.survey_id == survey_id).order_by(survey_responses.c.partner_id))
        return [_response(row) for row in rows]


class SqlDirectoryRepository:
    def __init__(self, session: Session):
        self._session = session

    def save(self, listing: Listing) -> None:
        self.remove(listing.partner_id)
        self._session.execute(insert(directory_listings).values(
            partner_id=listing.partner_id, display_name=listing.display_name,
            message=listing.message, source=listing.source, consented_at=listing.consented_at))

    def remove(self, partner_id: str) -> None:
        self._session.execute(delete(directory_listings).where(
            directory_listings.c.partner_id == partner_id))

    def listed(self) -> list[Listing]:
        rows = self._session.execute(select(directory_listings).order_by(
            directory_listings.c.display_name, directory_listings.c.partner_id))
        return [Listing(r.partner_id, r.display_name, r.message, r.source,
                        as_utc(r.consented_at)) for r in rows]


def _survey(row) -> Survey:
    questions = tuple(Question(q["id"], q["text"], q["kind"], q["required"],
                               tuple(q["options"]), q["minimum"], q["maximum"])
                      for q in row.questions)
    return Survey(row.survey_id, row.title, row.description, questions, row.status,
                  as_utc(row.created_at), row.opened_at and as_utc(row.opened_at),
                  row.closed_at and as_utc(row.closed_at))


def _response(row) -> SurveyResponse:
    return SurveyResponse(row.survey_id, row.partner_id, row.answers, as_utc(row.submitted_at),
                          as_utc(row.updated_at))
