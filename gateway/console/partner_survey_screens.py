"""A partner's surveys: those it was invited to, answering one (its questions as form fields,
the API's messages beside each) and its saved answer. reports decides what a partner may read:
a survey it was not invited to answers 404."""
from werkzeug.wrappers import Response

from gateway.console.partner_screens import lookup_error

SINGLE, MULTIPLE, SCALE, NUMBER, TEXT = "single", "multiple", "scale", "number", "text"
SCALE_POINTS = (1, 2, 3, 4, 5)
SURVEYS_SHOWN = 100


def answers_from_form(questions: list[dict], form) -> dict:
    """What the form says for each question, in the type its kind asks for. An unanswered
    question is left out; a number that does not read as one is sent as typed, so the API's
    message says what is wrong beside that question."""
    answers = {}
    for question in questions:
        name = f"q-{question['id']}"
        if question["kind"] == MULTIPLE:
            chosen = form.getlist(name)
            if chosen:
                answers[question["id"]] = chosen
            continue
        typed = form.get(name, "").strip()
        if not typed:
            continue
        if question["kind"] in (SCALE, NUMBER):
            answers[question["id"]] = _number(typed)
        else:
            answers[question["id"]] = typed
    return answers


def _number(typed: str):
    """"4" as 4, "2.5" as 2.5, full-width "１２" as 12; anything else as typed."""
    normalised = typed.translate(_FULL_WIDTH_DIGITS).replace(",", "")
    try:
        return int(normalised)
    except ValueError:
        pass
    try:
        return float(normalised)
    except ValueError:
        return typed


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－，", "0123456789.-,")


def form_values(questions: list[dict], answers: dict) -> dict:
    """A saved (or refused) answer as the form shows it: question id -> text or chosen list."""
    values = {}
    for question in questions:
        value = answers.get(question["id"])
        if value is None:
            continue
        if question["kind"] == MULTIPLE:
            values[question["id"]] = list(value) if isinstance(value, list) else [value]
        elif isinstance(value, float):
            values[question["id"]] = f"{value:g}"
        else:
            values[question["id"]] = str(value)
    return values


def surveys(context) -> Response:
    """The surveys this business was invited to, open ones first (most need an answer), then
    the closed ones: a business is invited to few, so the newest 100 of each are shown."""
    items = []
    for status in ("open", "closed"):
        listed = context.api("listSurveys", {"status": status, "limit": str(SURVEYS_SHOWN)})
        if listed.status != 200:
            return context.outcome_error(listed)
        items += listed.body["items"]
    return context.render("partner_surveys.html", items=items)


def survey(context, survey_id: str, errors: dict | None = None, typed: dict | None = None,
           status: int = 200) -> Response:
    found = context.api("getSurvey", {"survey_id": survey_id})
    if found.status != 200:
        return lookup_error(context, found)
    questions = found.body["questions"]
    saved = context.api("getMySurveyAnswer", {"survey_id": survey_id})
    answer = saved.body if saved.status == 200 else None  # 404: not answered yet
    values = form_values(questions, typed if typed is not None else (answer or {}).get("answers", {}))
    done = context.request.args.get("done")
    return context.render("partner_survey.html", status=status, survey=found.body, answer=answer,
                          values=values, errors=errors, scale_points=SCALE_POINTS,
                          done=context.text("done_answered") if done == "answered" else None)


def answer(context, survey_id: str) -> Response:
    found = context.api("getSurvey", {"survey_id": survey_id})
    if found.status != 200:
        return lookup_error(context, found)
    answers = answers_from_form(found.body["questions"], context.request.form)
    outcome = context.api("answerSurvey", {"survey_id": survey_id, "answers": answers})
    if refused := context.refused_fields(outcome):
        return survey(context, survey_id, refused, answers, status=422)
    if outcome.status == 409:  # closed meanwhile: said above the form
        return survey(context, survey_id, {"_schema": [outcome.body.get("detail", "")]}, answers,
                      status=409)
    if outcome.status != 200:
        return lookup_error(context, outcome)
    return context.redirect(f"/console/my-surveys/{survey_id}", done="answered")
