"""Operators' API key screens: the list (by role, revoked ones on request, page by page),
issuing a key (its secret shown once) and revoking one after a confirmation page."""
from werkzeug.wrappers import Response

from gateway.console.paging import contains, in_page
from services.common.actor import ROLES

PAGE_SIZE = 20
FORM_FIELDS = ("role", "label", "subject_id")


def api_keys(context) -> Response:
    args = context.request.args
    query = {"role": args.get("role") if args.get("role") in ROLES else "",
             "include_revoked": "1" if args.get("include_revoked") == "1" else "",
             "q": args.get("q", "").strip()[:200]}
    outcome = context.api("listApiKeys", {"include_revoked": "true" if query["include_revoked"] else "false"})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    # Newest first as the API lists them. Role and label are filtered here: the API's role filter
    # names one holder (role and subject together), not every key of a role.
    keys = [key for key in outcome.body["items"] if query["role"] in ("", key["role"])
            and contains(key["label"], query["q"])]
    done = args.get("done")
    return context.render("api_keys.html", query=query, roles=ROLES,
                          page=in_page(keys, args.get("page"), PAGE_SIZE),
                          done=context.text("done_revoked") if done == "revoked" else None)


def api_key_form(context, values: dict | None = None, errors: dict | None = None,
                 status: int = 200) -> Response:
    return context.render("api_key_form.html", status=status, roles=ROLES, errors=errors,
                          values=values or {})


def create_api_key(context) -> Response:
    form = context.request.form
    values = {name: form.get(name, "").strip() for name in FORM_FIELDS}
    data = {name: value for name, value in values.items() if value}
    outcome = context.api("createApiKey", data, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return api_key_form(context, values, refused, status=422)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    # The secret is in this answer only: the page is not kept (Cache-Control: no-store), and the
    # same form sent again answers with the key's facts and a note instead.
    return context.render("api_key_created.html", status=201, key=outcome.body)


def revoke_form(context, key_id: str) -> Response:
    key = _find(context, key_id)
    if key is None:
        return context.error_page(404, "not_found")
    return context.render("api_key_revoke.html", key=key)


def revoke(context, key_id: str) -> Response:
    if context.request.form.get("confirm") != "yes":  # the confirmation box must be ticked
        key = _find(context, key_id)
        if key is None:
            return context.error_page(404, "not_found")
        return context.render("api_key_revoke.html", status=422, key=key,
                              errors={"confirm": [context.text("revoke_confirm_needed")]})
    outcome = context.api("revokeApiKey", {"key_id": key_id}, context.request.form.get("form_key", ""))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect("/console/api-keys", done="revoked")


def _find(context, key_id: str) -> dict | None:
    """A key by id from the list (the API has no route for one key)."""
    outcome = context.api("listApiKeys", {"include_revoked": "true"})
    if outcome.status != 200:
        return None
    return next((key for key in outcome.body["items"] if key["id"] == key_id), None)
