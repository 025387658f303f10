"""Business surveys (アンケート, P2.2.2): operators define the questions, open and close the
survey and invite businesses; an invited business answers once and may edit its answer until the
survey closes. Results per question: counts, percentages and the response rate; free text is for
operators only."""
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from services.common.errors import Conflict, invalid
from services.reports.contract.vocabulary import (CLOSED, DRAFT, MULTIPLE, NUMBER, OPEN, SCALE,
                                                  SCALE_MAX, SCALE_MIN, SINGLE, TEXT)

MAX_TEXT = 2000


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str
    required: bool = False
    options: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass
class Survey:
    id: str
    title: str
    description: str
    questions: tuple[Question, ...]
    status: str
    created_at: datetime
    opened_at: datetime | None = None
    closed_at: datetime | None = None

    @classmethod
    def define(cls, survey_id: str, title: str, description: str,
               questions: list[Question], now: datetime) -> "Survey":
        errors = {}
        if not " ".join(title.split()):
            errors["title"] = "件名を入力してください / title is required"
        if not questions:
            errors["questions"] = "質問を1つ以上入れてください / at least one question"
        ids = [q.id for q in questions]
        if len(set(ids)) != len(ids):
            errors["questions"] = "質問IDが重複しています / question ids must be unique"
        for question in questions:
            if question.kind in (SINGLE, MULTIPLE) and len(set(question.options)) < 2:
                errors[f"questions.{question.id}"] = ("選択肢を2つ以上（重複なし）指定してください / "
                                                      "choices need two distinct options")
            if question.kind not in (SINGLE, MULTIPLE) and question.options:
                errors[f"questions.{question.id}"] = ("選択肢は選択式の質問にのみ指定できます / "
                                                      "options belong to choice questions")
            if (question.minimum is not None and question.maximum is not None
                    and question.minimum > question.maximum):
                errors[f"questions.{question.id}"] = "最小値が最大値を超えています / min > max"
        if errors:
            raise invalid(**errors)
        return cls(survey_id, " ".join(title.split()), description.strip(), tuple(questions),
                   DRAFT, now)

    def open(self, now: datetime) -> None:
        if self.status != DRAFT:
            raise Conflict("下書きのアンケートのみ開始できます / only a draft survey opens",
                           {"status": [self.status]})
        self.status, self.opened_at = OPEN, now

    def close(self, now: datetime) -> None:
        if self.status != OPEN:
            raise Conflict("実施中のアンケートのみ締め切れます / only an open survey closes",
                           {"status": [self.status]})
        self.status, self.closed_at = CLOSED, now

    def check_open_for_answers(self) -> None:
        if self.status != OPEN:
            raise Conflict("このアンケートは回答を受け付けていません / the survey is not open for "
                           "answers", {"survey_id": [f"status: {self.status}"]})

    def checked_answers(self, answers: dict) -> dict:
        """The answers, each of the right type for its question; field messages otherwise."""
        errors, clean = {}, {}
        known = {q.id: q for q in self.questions}
        for unknown in sorted(set(answers) - set(known)):
            errors[f"answers.{unknown}"] = "この質問はありません / no such question"
        for question in self.questions:
            value = answers.get(question.id)
            if value is None or value == "" or value == []:
                if question.required:
                    errors[f"answers.{question.id}"] = "必須の質問です / this question is required"
                continue
            message = _wrong(question, value)
            if message:
                errors[f"answers.{question.id}"] = message
            else:
                clean[question.id] = sorted(set(value)) if question.kind == MULTIPLE else value
        if errors:
            raise invalid(**errors)
        return clean


def _wrong(question: Question, value) -> str | None:
    if question.kind == SINGLE:
        return None if isinstance(value, str) and value in question.options else \
            f"選択肢から1つ選んでください / one of: {', '.join(question.options)}"
    if question.kind == MULTIPLE:
        ok = isinstance(value, list) and all(isinstance(v, str) and v in question.options
                                             for v in value)
        return None if ok else f"選択肢から選んでください / choose from: {', '.join(question.options)}"
    if question.kind == SCALE:
        ok = isinstance(value, int) and not isinstance(value, bool) and SCALE_MIN <= value <= SCALE_MAX
        return None if ok else f"{SCALE_MIN}〜{SCALE_MAX}の整数です / an integer {SCALE_MIN}–{SCALE_MAX}"
    if question.kind == NUMBER:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return "数値で答えてください / a number"
        if question.minimum is not None and value < question.minimum:
            return f"{question.minimum:g}以上です / at least {question.minimum:g}"
        if question.maximum is not None and value > question.maximum:
            return f"{question.maximum:g}以下です / at most {question.maximum:g}"
        return None
    if question.kind == TEXT:
        ok = isinstance(value, str) and len(value) <= MAX_TEXT
        return None if ok else f"{MAX_TEXT}字以内の文章です / text of at most {MAX_TEXT} characters"
    return "未知の質問形式です / unknown question kind"


@dataclass(frozen=True)
class SurveyResponse:
    survey_id: str
    partner_id: str
    answers: dict
    submitted_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int
    counts: dict[str, int]  # option (or scale point, as text) → respondents
    percentages: dict[str, float]  # of those who answered this question
    mean: float | None = None
    texts: tuple[str, ...] = ()  # free text: operators only


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    invited: int
    responses: int
    response_rate: float | None
    questions: tuple[QuestionResult, ...] = field(default_factory=tuple)


def results(survey: Survey, responses: list[SurveyResponse], invited: int,
            with_free_text: bool) -> SurveyResults:
    found = []
    for question in survey.questions:
        values = [r.answers[question.id] for r in responses if question.id in r.answers]
        counts: Counter = Counter()
        mean = None
        texts: tuple[str, ...] = ()
        if question.kind == SINGLE:
            counts.update({option: 0 for option in question.options})
            counts.update(values)
        elif question.kind == MULTIPLE:
            counts.update({option: 0 for option in question.options})
            for chosen in values:
                counts.update(chosen)
        elif question.kind == SCALE:
            counts.update({str(point): 0 for point in range(SCALE_MIN, SCALE_MAX + 1)})
            counts.update(str(v) for v in values)
            mean = round(sum(values) / len(values), 2) if values else None
        elif question.kind == NUMBER:
            mean = round(sum(values) / len(values), 2) if values else None
        elif question.kind == TEXT and with_free_text:
            texts = tuple(values)
        answered = len(values)
        percentages = {k: round(v / answered * 100, 1) if answered else 0.0
                       for k, v in counts.items()}
        found.append(QuestionResult(question, answered, dict(counts), percentages, mean, texts))
    rate = round(len(responses) / invited * 100, 1) if invited else None
    return SurveyResults(survey, invited, len(responses), rate, tuple(found))
