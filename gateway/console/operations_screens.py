"""Operators' operations screens: hours to approve (in bulk), dead letters (replay one) and
webhook endpoints (failing first, deliveries, enable, replay)."""
from werkzeug.wrappers import Response

from gateway.admin_schemas import CONSUMING_SERVICES
from gateway.console import ops_counts
from gateway.console.needs_screens import need_titles
from gateway.console.paging import in_page

PAGE_SIZE = 20


# --- hours to approve --------------------------------------------------------------------------

def hours(context, summary: dict | None = None, errors: dict | None = None,
          status: int = 200) -> Response:
    cursor = context.request.args.get("cursor", "")
    outcome = context.api("listMatches", {"status": "hours_logged", "limit": str(PAGE_SIZE),
                                          **({"cursor": cursor} if cursor else {})})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.render("hours.html", status=status, items=outcome.body["items"],
                          cursor=cursor, next_cursor=outcome.body.get("next_cursor"),
                          need_title=need_titles(context, outcome.body["items"]),
                          summary=summary, errors=errors)


def approve_hours(context) -> Response:
    """Each selected match through approveHours with its own idempotency key (the form's key and
    the match), so a form sent twice approves each match once."""
    form = context.request.form
    chosen = list(dict.fromkeys(form.getlist("match_id")))
    if not chosen:
        return hours(context, errors={"match_id": [context.text("choose_matches")]}, status=422)
    form_key = form.get("form_key", "")
    approved, refused = [], []
    for match_id in chosen:
        outcome = context.api("approveHours", {"match_id": match_id}, f"{form_key}:{match_id}"[:200])
        if outcome.status == 200:
            approved.append(outcome.body)
        else:
            refused.append({"match_id": match_id, "status": outcome.status,
                            "detail": outcome.body.get("detail") or context.text("service_error")})
    return hours(context, summary={"approved": approved, "refused": refused})



# --- dead letters ------------------------------------------------------------------------------

def dead_letters(context) -> Response:
    args = context.request.args
    service = args.get("service") if args.get("service") in CONSUMING_SERVICES else CONSUMING_SERVICES[0]
    include_replayed = args.get("include_replayed") == "1"
    outcome = context.api("listDeadLetters", {"service": service,
                                              "include_replayed": "true" if include_replayed else "false"})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    letters = sorted(outcome.body["items"], key=lambda letter: letter["dead_at"], reverse=True)
    done = args.get("done")
    return context.render("dead_letters.html", services=CONSUMING_SERVICES, service=service,
                          include_replayed=include_replayed,
                          counts=ops_counts.dead_letters_per_service(context),
                          page=in_page(letters, args.get("page"), PAGE_SIZE),
                          done=context.text("done_replayed") if done == "replayed" else None)


def replay_dead_letter(context, service: str, letter_id: str) -> Response:
    outcome = context.api("replayDeadLetter", {"service": service, "letter_id": letter_id},
                          context.request.form.get("form_key", ""))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect("/console/dead-letters", service=service, done="replayed")


# --- webhook endpoints -------------------------------------------------------------------------

def webhooks(context) -> Response:
    failing_only = context.request.args.get("failing") == "1"
    endpoints = ops_counts.webhook_endpoints(context)
    if endpoints is None:
        return context.error_page(503, "service_error")
    shown = [endpoint for endpoint in endpoints if endpoint["failing"] or not failing_only]
    return context.render("webhooks.html", endpoints=shown, failing_only=failing_only,
                          failing=sum(endpoint["failing"] for endpoint in endpoints))


def webhook(context, endpoint_id: str, refusal: str | None = None, status: int = 200) -> Response:
    endpoint = context.api("getWebhookEndpoint", {"endpoint_id": endpoint_id})
    if endpoint.status != 200:
        return context.outcome_error(endpoint)
    cursor = context.request.args.get("cursor", "")
    deliveries = context.api("listWebhookDeliveries", {
        "endpoint_id": endpoint_id, "limit": str(PAGE_SIZE), **({"cursor": cursor} if cursor else {})})
    if deliveries.status != 200:
        return context.outcome_error(deliveries)
    done = context.request.args.get("done")
    return context.render("webhook.html", status=status, endpoint=endpoint.body,
                          deliveries=deliveries.body["items"], cursor=cursor,
                          next_cursor=deliveries.body.get("next_cursor"), refusal=refusal,
                          done=context.text(f"done_{done}") if done in ("enabled", "resent") else None)


def enable_webhook(context, endpoint_id: str) -> Response:
    outcome = context.api("enableWebhookEndpoint", {"endpoint_id": endpoint_id},
                          context.request.form.get("form_key", ""))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/webhooks/{endpoint_id}", done="enabled")


def replay_webhook_delivery(context, endpoint_id: str, delivery_id: str) -> Response:
    outcome = context.api("replayWebhookDelivery", {"delivery_id": delivery_id},
                          context.request.form.get("form_key", ""))
    if outcome.status in (409, 422):  # e.g. the endpoint is disabled: said on its own page
        messages = context.field_errors(outcome.body.get("errors"), "delivery_id")
        return webhook(context, endpoint_id, status=outcome.status,
                       refusal=" ".join(messages) or outcome.body.get("detail"))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/webhooks/{endpoint_id}", done="resent")
