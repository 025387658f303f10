"""Operators' needs screens: the list (by status and region, page by page), one need with its
ranked candidates and offers (and why each ranks), its matches, proposing a match, closing
the need; and batch assignment: a form, a preview of what would be proposed, then a confirm
that applies exactly the previewed assignment (its digest) or says the data changed."""
import time

from werkzeug.wrappers import Response

from gateway.console.texts import MATCH_STATUS_LABELS, NEED_STATUS_LABELS, label

PAGE_SIZE = 20
NEED_STATUSES = tuple(NEED_STATUS_LABELS)
END_REASONS = ("closed", "cancelled")
# Open needs the batch form offers to choose from; leaving all unticked means every open need.
ASSIGN_CHOICES = 50
# The same confirm sent again while the first still runs is answered 409 by the gateway's
# idempotency store; waiting for the first one's answer replays it.
IN_FLIGHT_RETRIES, IN_FLIGHT_PAUSE = 20, 0.25


def needs(context) -> Response:
    args = context.request.args
    query = {"status": args.get("status") if args.get("status") in NEED_STATUSES else "",
             "region": args.get("region", "").strip(), "cursor": args.get("cursor", "")}
    outcome = context.api("listNeeds", {**{name: value for name, value in query.items() if value},
                                        "limit": str(PAGE_SIZE)})
    if outcome.status == 422:  # a tampered cursor: said beside the filters
        return context.render("needs.html", status=422, query=query, items=[], next_cursor=None,
                              errors=outcome.body.get("errors"), statuses=NEED_STATUSES,
                              **_labels(context))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.render("needs.html", query=query, items=outcome.body["items"], errors=None,
                          next_cursor=outcome.body.get("next_cursor"), statuses=NEED_STATUSES,
                          **_labels(context))


def need(context, need_id: str, errors: dict | None = None, problem: str | None = None,
         status: int = 200) -> Response:
    found = context.api("getNeed", {"need_id": need_id})
    if found.status != 200:
        return context.outcome_error(found)
    candidates = context.api("listCandidates", {"need_id": need_id, "limit": "10"})
    offers = context.api("listNeedOffers", {"need_id": need_id, "limit": "10"})
    matches = context.api("listMatches", {"need_id": need_id, "limit": "50"})
    done = context.request.args.get("done")
    return context.render(
        "need.html", status=status, need=found.body, errors=errors, problem=problem,
        candidates=candidates.body["items"] if candidates.status == 200 else None,
        offers=offers.body["items"] if offers.status == 200 else None,
        matches=matches.body["items"] if matches.status == 200 else None,
        end_reasons=END_REASONS, **_labels(context),
        done=context.text(f"done_{done}") if done in ("proposed", "need_ended") else None)


def propose(context, need_id: str) -> Response:
    form = context.request.form
    outcome = context.api("proposeMatch", {"need_id": need_id,
                                           "talent_id": form.get("talent_id", "").strip()},
                          form.get("form_key", ""))
    if outcome.status in (409, 422):  # already matched, need closed, a bad id: said on the page
        return need(context, need_id, problem=_problem_text(outcome), status=outcome.status)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/needs/{need_id}", done="proposed")


def end(context, need_id: str) -> Response:
    form = context.request.form
    reason = form.get("reason", "")
    data = {"need_id": need_id, **({"reason": reason} if reason else {})}
    outcome = context.api("endNeed", data, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return need(context, need_id, errors=refused, status=422)
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/needs/{need_id}", done="need_ended")


def assign_form(context, errors: dict | None = None, chosen: list[str] | None = None,
                per_talent: str = "1", status: int = 200) -> Response:
    outcome = context.api("listNeeds", {"status": "open", "limit": str(ASSIGN_CHOICES)})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.render("assign_form.html", status=status, open_needs=outcome.body["items"],
                          more=bool(outcome.body.get("next_cursor")), errors=errors,
                          chosen=chosen or [], per_talent=per_talent, **_labels(context))


def assign_preview(context) -> Response:
    """What the batch would propose now; nothing is proposed."""
    chosen, per_talent = _assign_values(context.request.form)
    outcome = context.api("assignMatches", _assign_data(chosen, per_talent, preview=True),
                          context.request.form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return assign_form(context, refused, chosen, per_talent, status=422)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return _preview_page(context, outcome.body, chosen, per_talent)


def assign_confirm(context) -> Response:
    """Applies the previewed assignment, only if it is still the one the operator saw; a double
    submit replays the first answer (the form's key is the Idempotency-Key)."""
    form = context.request.form
    chosen, per_talent = _assign_values(form)
    data = {**_assign_data(chosen, per_talent, preview=False),
            "expected_digest": form.get("expected_digest", "")}
    outcome = context.api("assignMatches", data, form.get("form_key", ""))
    for _ in range(IN_FLIGHT_RETRIES):  # a double click: the first is still running, then replayed
        if outcome.status != 409 or (outcome.body.get("errors") or {}).get("expected_digest"):
            break
        time.sleep(IN_FLIGHT_PAUSE)
        outcome = context.api("assignMatches", data, form.get("form_key", ""))
    if outcome.status == 409 and (outcome.body.get("errors") or {}).get("expected_digest"):
        # the data changed since the preview: show the new one instead
        fresh = context.api("assignMatches", _assign_data(chosen, per_talent, preview=True),
                            f"{form.get('form_key', '')}-again")
        if fresh.status != 201:
            return context.outcome_error(fresh)
        return _preview_page(context, fresh.body, chosen, per_talent, changed=True, status=409)
    if refused := context.refused_fields(outcome):
        return assign_form(context, refused, chosen, per_talent, status=422)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return context.render("assign_done.html", assignment=outcome.body,
                          need_title=need_titles(context, outcome.body["proposals"]),
                          done=context.text("done_batch_assigned"))


def _preview_page(context, assignment: dict, chosen: list[str], per_talent: str,
                  changed: bool = False, status: int = 200) -> Response:
    return context.render("assign_preview.html", status=status, assignment=assignment,
                          chosen=chosen, per_talent=per_talent, changed=changed,
                          need_title=need_titles(context, assignment["proposals"]))


def _assign_values(form) -> tuple[list[str], str]:
    return [value for value in form.getlist("need_ids") if value], \
        form.get("max_needs_per_talent", "1").strip()


def _assign_data(chosen: list[str], per_talent: str, preview: bool) -> dict:
    data = {"preview": "true" if preview else "false", "max_needs_per_talent": per_talent}
    if chosen:
        data["need_ids"] = chosen
    return data


def need_titles(context, items: list[dict]):
    """need id -> its title, one getNeed per need the items (proposals, matches) name."""
    titles = {}
    for need_id in {item["need_id"] for item in items}:
        found = context.api("getNeed", {"need_id": need_id})
        titles[need_id] = found.body.get("title", need_id) if found.status == 200 else need_id
    return lambda need_id: titles.get(need_id, need_id)


def _problem_text(outcome) -> str:
    errors = outcome.body.get("errors") or {}
    messages = [str(message) for value in errors.values()
                for message in (value if isinstance(value, list) else [value])]
    return " ".join(messages) or outcome.body.get("detail") or ""


def _labels(context) -> dict:
    return {"region_label": context.vocabulary("regions"),
            "need_kind_label": context.vocabulary("need_kinds"),
            "need_status_label": lambda code: label(NEED_STATUS_LABELS, code, context.lang),
            "match_status_label": lambda code: label(MATCH_STATUS_LABELS, code, context.lang),
            "regions": _terms(context, "regions")}


def _terms(context, name: str) -> list[tuple[str, str]]:
    outcome = context.api("listVocabularies")
    return [(term["code"], term[context.lang]) for term in outcome.body.get(name, [])] \
        if outcome.status == 200 else []
