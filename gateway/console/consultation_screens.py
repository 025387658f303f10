"""Operators' consultation screens: the list (by status, page by page), recording one, one
consultation with its referrals, referring it to an organisation, assigning it to a staff
member and moving it on (resolved, closed)."""
from werkzeug.wrappers import Response

from gateway.console.texts import CONSULTATION_CHANNELS, CONSULTATION_TOPICS, label

PAGE_SIZE = 20
STATUSES = ("open", "in_progress", "referred", "resolved", "closed")
# What the record form sends, each a field of the API's OpenConsultationRequest.
TEXT_FIELDS = ("channel", "organisation_id", "person", "notes", "coordinator")
# What the status form offers; "referred" comes with a referral, "open" is where one starts.
NEXT_STATUSES = ("in_progress", "resolved", "closed")
DONE = {"referred": "done_referred", "assigned": "done_assigned", "status": "done_status_changed"}


def consultations(context) -> Response:
    args = context.request.args
    query = {"status": args.get("status") if args.get("status") in STATUSES else "",
             "cursor": args.get("cursor", "")}
    outcome = context.api("listConsultations", {**{name: value for name, value in query.items()
                                                   if value}, "limit": str(PAGE_SIZE)})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    done = context.request.args.get("done")
    return context.render("consultations.html", query=query, statuses=STATUSES,
                          items=outcome.body["items"], next_cursor=outcome.body.get("next_cursor"),
                          done=context.text("done_recorded") if done == "recorded" else None,
                          **_labels(context))


def consultation_form(context, values: dict | None = None, errors: dict | None = None,
                      status: int = 200) -> Response:
    return context.render("consultation_form.html", status=status, errors=errors,
                          values=values or {"topics": []}, **_labels(context),
                          channels=CONSULTATION_CHANNELS, topics=CONSULTATION_TOPICS)


def open_consultation(context) -> Response:
    form = context.request.form
    values = {name: form.get(name, "").strip() for name in TEXT_FIELDS}
    values["topics"] = form.getlist("topics")
    # Empty fields are left out, so the API says which of them it needs.
    data = {name: value for name, value in values.items() if value}
    outcome = context.api("openConsultation", data, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return consultation_form(context, values, refused, status=422)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return context.redirect("/console/consultations", done="recorded")


def consultation(context, consultation_id: str, errors: dict | None = None,
                 values: dict | None = None, status: int = 200) -> Response:
    outcome = context.api("getConsultation", {"consultation_id": consultation_id})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    done = DONE.get(context.request.args.get("done", ""))
    return context.render("consultation.html", status=status, consultation=outcome.body,
                          errors=errors, values=values or {}, **_labels(context),
                          next_statuses=NEXT_STATUSES, done=context.text(done) if done else None)


def refer(context, consultation_id: str) -> Response:
    form = context.request.form
    values = {"organisation_id": form.get("organisation_id", "").strip(),
              "note": form.get("note", "").strip()}
    data = {"consultation_id": consultation_id,
            **{name: value for name, value in values.items() if value}}
    outcome = context.api("referConsultation", data, form.get("form_key", ""))
    if outcome.status in (404, 422) and outcome.body.get("errors"):
        return consultation(context, consultation_id, outcome.body["errors"], values, status=422)
    if outcome.status == 404 and values["organisation_id"]:  # the organisation referred to
        return consultation(context, consultation_id, {"organisation_id": [outcome.body.get(
            "detail") or context.text("not_found")]}, values, status=422)
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/consultations/{consultation_id}", done="referred")


def assign(context, consultation_id: str) -> Response:
    """A staff member takes it on: an open consultation becomes in progress, one further on
    keeps its status and gets the new coordinator."""
    form = context.request.form
    values = {"coordinator": form.get("coordinator", "").strip()}
    if not values["coordinator"]:
        return consultation(context, consultation_id, {"coordinator": [
            context.text("coordinator_required")]}, values, status=422)
    current = context.api("getConsultation", {"consultation_id": consultation_id})
    if current.status != 200:
        return context.outcome_error(current)
    status = "in_progress" if current.body["status"] == "open" else current.body["status"]
    return _change_status(context, consultation_id, {"status": status, **values}, values,
                          form.get("form_key", ""), "assigned")


def change_status(context, consultation_id: str) -> Response:
    form = context.request.form
    values = {"status": form.get("status", "").strip()}
    data = {name: value for name, value in values.items() if value}  # the API says it is needed
    return _change_status(context, consultation_id, data, values, form.get("form_key", ""), "status")


def _change_status(context, consultation_id: str, data: dict, values: dict, form_key: str,
                   done: str) -> Response:
    outcome = context.api("changeConsultationStatus", {"consultation_id": consultation_id, **data},
                          form_key)
    if refused := context.refused_fields(outcome):
        return consultation(context, consultation_id, refused, values, status=422)
    if outcome.status == 409:  # a move the consultation's status does not allow
        return consultation(context, consultation_id, {"status": [outcome.body.get("detail", "")]},
                            values, status=409)
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/consultations/{consultation_id}", done=done)


def _labels(context) -> dict:
    return {"channel_label": lambda code: label(CONSULTATION_CHANNELS, code, context.lang),
            "topic_label": lambda code: label(CONSULTATION_TOPICS, code, context.lang),
            "topics_label": lambda codes: "、".join(label(CONSULTATION_TOPICS, code, context.lang)
                                                   for code in codes or ())}
