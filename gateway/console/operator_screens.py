"""Operators' screens: the work queue, organisations (search, detail, verify, reject)."""
from werkzeug.wrappers import Response

from gateway.admin_schemas import CONSUMING_SERVICES
from gateway.console import ops_counts
from gateway.console.network_screens import network_values

# A queue count stops here: past it the screen says "200+".
COUNT_LIMIT = 200
ORGANISATION_STATUSES = ("pending", "verified", "rejected")
DONE = ("verified", "rejected", "tie_declared", "tie_removed")
PAGE_SIZE = 20


def work_queue(context) -> Response:
    failing, surveys = ops_counts.failing_endpoints(context), ops_counts.unanswered_surveys(context)
    counts = [
        ("pending_verifications", _count(context, "listOrganisations", status="pending"),
         "/console/organisations?status=pending"),
        ("open_consultations", _count(context, "listConsultations", status="open"),
         "/console/consultations?status=open"),
        ("hours_to_approve", _count(context, "listMatches", status="hours_logged"), "/console/hours"),
        ("dead_letters", _dead_letters(context), "/console/dead-letters"),
        ("failing_endpoints", None if failing is None else str(failing), "/console/webhooks?failing=1"),
        # the surveys screens are another part of the console (issue 14)
        ("unanswered_surveys", None if surveys is None else str(surveys), "/console/surveys?status=open"),
    ]
    return context.render("queue.html", counts=counts)


def _count(context, route_name: str, **query) -> str | None:
    """How many items a listing has, up to COUNT_LIMIT ("200+" beyond); None if unavailable."""
    outcome = context.api(route_name, {**query, "limit": str(COUNT_LIMIT)})
    if outcome.status != 200:
        return None
    items = len(outcome.body["items"])
    return f"{items}+" if outcome.body.get("next_cursor") else str(items)


def _dead_letters(context) -> str | None:
    total = 0
    for service in CONSUMING_SERVICES:
        outcome = context.api("listDeadLetters", {"service": service})
        if outcome.status != 200:
            return None
        total += len(outcome.body["items"])
    return str(total)


def organisations(context) -> Response:
    args = context.request.args
    status = args.get("status") if args.get("status") in ORGANISATION_STATUSES else ""
    query = {"q": args.get("q", "").strip(), "status": status, "cursor": args.get("cursor", ""),
             "limit": str(PAGE_SIZE)}
    outcome = context.api("listOrganisations", {name: value for name, value in query.items() if value})
    if outcome.status == 422:  # a tampered cursor or an over-long query: say so beside the search
        return context.render("organisations.html", status=422, query=query, items=[],
                              next_cursor=None, errors=outcome.body.get("errors"),
                              statuses=ORGANISATION_STATUSES, **_labels(context))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.render("organisations.html", query=query, items=outcome.body["items"],
                          next_cursor=outcome.body.get("next_cursor"), errors=None,
                          statuses=ORGANISATION_STATUSES, **_labels(context))


def organisation(context, organisation_id: str, errors: dict | None = None, reason: str = "",
                 status: int = 200, tie: dict | None = None) -> Response:
    outcome = context.api("getOrganisation", {"organisation_id": organisation_id})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    done = context.request.args.get("done")
    return context.render("organisation.html", status=status, organisation=outcome.body,
                          **_labels(context), errors=errors, reason=reason, tie=tie or {},
                          **network_values(context, organisation_id),
                          done=context.text(f"done_{done}") if done in DONE else None)


def verify(context, organisation_id: str) -> Response:
    outcome = context.api("verifyOrganisation", {"organisation_id": organisation_id},
                          context.request.form.get("form_key", ""))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/organisations/{organisation_id}", done="verified")


def reject(context, organisation_id: str) -> Response:
    reason = context.request.form.get("reason", "").strip()
    data = {"organisation_id": organisation_id, **({"reason": reason} if reason else {})}
    outcome = context.api("rejectOrganisation", data, context.request.form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return organisation(context, organisation_id, errors=refused, reason=reason,
                            status=422)
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/organisations/{organisation_id}", done="rejected")


def _labels(context) -> dict:
    return {"kind_label": context.vocabulary("organisation_kinds"),
            "region_label": context.vocabulary("regions")}
