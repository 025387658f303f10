"""Operators' survey screens: the list (by status, page by page), defining one (question rows,
one more on "add a question", no JavaScript), one survey with open / invite / close, and its
results as bar charts with a table beside each."""
import unicodedata

from werkzeug.wrappers import Response

from gateway.console.charts import bar_chart
from gateway.console.survey_figures import question_rows

PAGE_SIZE = 20
STATUSES = ("draft", "open", "closed")
KINDS = ("single", "multiple", "scale", "number", "text")
FIRST_ROWS, MAX_ROWS = 3, 30
ROW_FIELDS = ("text", "kind", "options", "minimum", "maximum")
BUSINESSES_SHOWN = 20


def surveys(context) -> Response:
    args = context.request.args
    status = args.get("status") if args.get("status") in STATUSES else ""
    query = {"status": status, "cursor": args.get("cursor", ""), "limit": str(PAGE_SIZE)}
    outcome = context.api("listSurveys", {name: value for name, value in query.items() if value})
    if outcome.status == 422:
        return context.error_page(422, "error_title", outcome.body.get("detail"))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.render("surveys.html", items=outcome.body["items"], statuses=STATUSES,
                          query=query, next_cursor=outcome.body.get("next_cursor"))


def survey_form(context, values: dict | None = None, errors: dict | None = None,
                status: int = 200) -> Response:
    values = values or {"title": "", "description": "",
                        "rows": [_blank_row() for _ in range(FIRST_ROWS)]}
    # Every message has a place beside its field; the summary lists only the rest.
    shown = ("title", "description", "questions", *(name for name in errors or {}
                                                    if name.startswith("q-")))
    return context.render("survey_form.html", status=status, values=values, errors=errors,
                          kinds=KINDS, max_rows=MAX_ROWS, shown_fields=shown)


def define_survey(context) -> Response:
    form = context.request.form
    values = _form_values(form)
    if "add_question" in form:  # one more row, everything typed kept
        if len(values["rows"]) < MAX_ROWS:
            values["rows"].append(_blank_row())
        return survey_form(context, values)
    questions, positions = _questions(values["rows"])
    # An empty title is left out, so the API says it is required.
    data = {**({"title": values["title"]} if values["title"] else {}),
            "description": values["description"], "questions": questions}
    outcome = context.api("defineSurvey", data, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return survey_form(context, values, _form_errors(refused, positions),
                           status=422)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/surveys/{outcome.body['survey_id']}", done="defined")


def survey(context, survey_id: str, errors: dict | None = None, status: int = 200) -> Response:
    outcome = context.api("getSurvey", {"survey_id": survey_id})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    results = context.api("getSurveyResults", {"survey_id": survey_id})
    figures = results.body if results.status == 200 else None
    search = context.request.args.get("q", "").strip()
    businesses = []
    if outcome.body["status"] != "closed":
        found = context.api("listOrganisations", {"kind": "business", "limit": str(BUSINESSES_SHOWN),
                                                  **({"q": search} if search else {})})
        businesses = found.body["items"] if found.status == 200 else []
    done = context.request.args.get("done")
    return context.render("survey.html", status=status, survey=outcome.body, figures=figures,
                          businesses=businesses, search=search, errors=errors,
                          unanswered=_unanswered(figures),
                          done=context.text(f"survey_done_{done}") if done in (
                              "defined", "opened", "closed", "invited") else None)


def open_survey(context, survey_id: str) -> Response:
    return _change(context, survey_id, "openSurvey", "opened")


def close_survey(context, survey_id: str) -> Response:
    return _change(context, survey_id, "closeSurvey", "closed")


def _change(context, survey_id: str, route_name: str, done: str) -> Response:
    outcome = context.api(route_name, {"survey_id": survey_id},
                          context.request.form.get("form_key", ""))
    if outcome.status == 409:  # opened or closed already (another tab): say why on the page
        return survey(context, survey_id, {"status": [outcome.body.get("detail", "")]}, status=409)
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/surveys/{survey_id}", done=done)


def invite(context, survey_id: str) -> Response:
    form = context.request.form
    partner_ids = [value.strip() for value in form.getlist("partner_ids") if value.strip()]
    outcome = context.api("inviteToSurvey", {"survey_id": survey_id, "partner_ids": partner_ids},
                          form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return survey(context, survey_id, refused, status=422)
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/surveys/{survey_id}", done="invited")


def results(context, survey_id: str) -> Response:
    outcome = context.api("getSurveyResults", {"survey_id": survey_id})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    questions = [{**result, "chart": bar_chart(question_rows(result))}
                 for result in outcome.body["questions"]]
    return context.render("survey_results.html", figures=outcome.body, questions=questions,
                          unanswered=_unanswered(outcome.body))


def _unanswered(figures: dict | None) -> int | None:
    if not figures:
        return None
    return max(0, (figures.get("invited") or 0) - (figures.get("responses") or 0))


def _blank_row() -> dict:
    return {"text": "", "kind": "single", "required": False, "options": "", "minimum": "",
            "maximum": ""}


def _form_values(form) -> dict:
    count = min(int(form["rows"]) if form.get("rows", "").isdigit() else FIRST_ROWS, MAX_ROWS)
    rows = []
    for index in range(count):
        row = {name: form.get(f"q-{index}-{name}", "").strip() for name in ROW_FIELDS}
        row["kind"] = row["kind"] if row["kind"] in KINDS else "single"
        row["required"] = form.get(f"q-{index}-required") == "on"
        rows.append(row)
    return {"title": form.get("title", "").strip(), "description": form.get("description", "").strip(),
            "rows": rows}


def _questions(rows: list[dict]) -> tuple[list[dict], list[int]]:
    """The API's questions from the rows that have a text (blank rows are left out), and the
    row each came from. A question's id is its row's number (q1, q2 …)."""
    questions, positions = [], []
    for index, row in enumerate(rows):
        if not row["text"]:
            continue
        question = {"id": f"q{index + 1}", "text": row["text"], "kind": row["kind"],
                    "required": row["required"],
                    "options": [line.strip() for line in row["options"].splitlines() if line.strip()]}
        for bound in ("minimum", "maximum"):
            if row[bound]:  # full-width digits typed in Japanese input mode count too
                question[bound] = unicodedata.normalize("NFKC", row[bound])
        questions.append(question)
        positions.append(index)
    return questions, positions


def _form_errors(errors: dict, positions: list[int]) -> dict:
    """The API's messages keyed by the form's own field names: marshmallow's per question
    (questions → position → field) and the survey's own (questions.q3) on their row."""
    found: dict[str, list] = {}
    for name, messages in errors.items():
        if name == "questions" and isinstance(messages, dict):
            for position, fields in messages.items():
                row = positions[int(position)] if str(position).isdigit() and int(
                    position) < len(positions) else 0
                for field, texts in (fields.items() if isinstance(fields, dict) else
                                     (("row", fields),)):
                    field = field if field in ROW_FIELDS else "row"  # id, required: the row's
                    found.setdefault(f"q-{row}-{field}", []).extend(_flat(texts))
        elif name.startswith("questions.q") and name[len("questions.q"):].isdigit():
            found.setdefault(f"q-{int(name[len('questions.q'):]) - 1}-row", []).extend(_flat(messages))
        else:
            found.setdefault(name, []).extend(_flat(messages))
    return found


def _flat(messages) -> list[str]:
    if isinstance(messages, dict):
        return [text for value in messages.values() for text in _flat(value)]
    if isinstance(messages, (list, tuple)):
        return [text for value in messages for text in _flat(value)]
    return [str(messages)]
