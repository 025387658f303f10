"""Partners' screens: their offers, one offer with the needs it fits, posting, editing and
closing an offer, and recording what it gave (its fulfilment)."""
from werkzeug.wrappers import Response

from gateway.console.texts import OFFER_KINDS, VALUE_BASES, label

PAGE_SIZE = 20
# What the offer form sends; each is a field of the API's PostOfferRequest.
OFFER_FIELDS = ("kind", "title", "description", "quantity", "unit", "starts", "ends")
# What an edit may change (UpdateOfferRequest: the kind stays).
EDIT_FIELDS = ("title", "description", "quantity", "unit", "starts", "ends")
# What the fulfilment form sends (FulfilOfferRequest).
FULFIL_FIELDS = ("quantity", "value_yen", "value_basis", "need_id", "people_reached", "fulfilled_on")


def offers(context) -> Response:
    cursor = context.request.args.get("cursor", "")
    query = {"organisation_id": context.session.account.subject_id, "limit": str(PAGE_SIZE),
             **({"cursor": cursor} if cursor else {})}
    outcome = context.api("listOffers", query)
    if outcome.status != 200:
        return context.outcome_error(outcome)
    done = context.request.args.get("done")
    return context.render("offers.html", items=outcome.body["items"],
                          next_cursor=outcome.body.get("next_cursor"), kind_label=_kind_label(context),
                          done=context.text("done_created") if done == "created" else None)


def offer(context, offer_id: str) -> Response:
    # The needs an offer fits are its owner's to see: another partner's offer answers 404 here.
    needs = context.api("listOfferNeeds", {"offer_id": offer_id})
    if needs.status != 200:
        return lookup_error(context, needs)
    found = context.api("getOffer", {"offer_id": offer_id})
    if found.status != 200:
        return lookup_error(context, found)
    done = context.request.args.get("done")
    return context.render("offer.html", offer=found.body, needs=needs.body["items"],
                          kind_label=_kind_label(context),
                          done=context.text(f"done_offer_{done}") if done in DONE_KEYS else None)


DONE_KEYS = ("updated", "closed", "reopened", "fulfilled")


def lookup_error(context, outcome) -> Response:
    """An object looked up by its id in the URL: "forbidden" would confirm that another
    partner's id exists, so it answers the console's 404 like an unknown id."""
    if outcome.status == 403:
        return context.error_page(404, "not_found")
    return context.outcome_error(outcome)


def _own_offer(context, offer_id: str):
    """(offer, None) for the session's own offer; (None, the 404 page) for any other id.
    getOffer is readable by everyone, so ownership is checked on its answer."""
    found = context.api("getOffer", {"offer_id": offer_id})
    if found.status != 200:
        return None, lookup_error(context, found)
    if found.body.get("organisation_id") != context.session.account.subject_id:
        return None, context.error_page(404, "not_found")
    return found.body, None


def edit_form(context, offer_id: str, values: dict | None = None, errors: dict | None = None,
              status: int = 200) -> Response:
    offer, refused = _own_offer(context, offer_id)
    if refused:
        return refused
    if values is None:
        values = {name: _shown(offer.get(name)) for name in EDIT_FIELDS}
        values.update(regions=offer.get("regions") or [], online="true" if offer.get("online") else "")
    return context.render("offer_edit.html", status=status, offer=offer, values=values, errors=errors,
                          regions=_regions(context), kind_label=_kind_label(context))


def update_offer(context, offer_id: str) -> Response:
    form = context.request.form
    values = {name: form.get(name, "").strip() for name in EDIT_FIELDS}
    values["regions"] = form.getlist("regions")
    values["online"] = "true" if form.get("online") else ""
    # Every field is sent as typed, so an emptied one gets the API's message too.
    data = {**values, "online": bool(values["online"]), "offer_id": offer_id}
    outcome = context.api("updateOffer", data)
    if refused := context.refused_fields(outcome):
        return edit_form(context, offer_id, values, refused, status=422)
    if outcome.status == 409:  # fulfilled: no longer editable, said on the form
        return edit_form(context, offer_id, values, {"_schema": [outcome.body.get("detail", "")]},
                         status=409)
    if outcome.status != 200:
        return lookup_error(context, outcome)
    return context.redirect(f"/console/offers/{offer_id}", done="updated")


def close_offer(context, offer_id: str) -> Response:
    return _set_offer_status(context, offer_id, "closed")


def reopen_offer(context, offer_id: str) -> Response:
    """Closing takes one click, so it is undone with one: the offer is open again."""
    return _set_offer_status(context, offer_id, "open")


def _set_offer_status(context, offer_id: str, status: str) -> Response:
    outcome = context.api("updateOffer", {"offer_id": offer_id, "status": status})
    if outcome.status != 200:
        return lookup_error(context, outcome)
    return context.redirect(f"/console/offers/{offer_id}", done="closed" if status == "closed" else "reopened")


def fulfilment_form(context, offer_id: str, values: dict | None = None, errors: dict | None = None,
                    status: int = 200) -> Response:
    offer, refused = _own_offer(context, offer_id)
    if refused:
        return refused
    needs = context.api("listOfferNeeds", {"offer_id": offer_id})
    fitting = needs.body["items"] if needs.status == 200 else []
    bases = [(code, label(VALUE_BASES, code, context.lang)) for code in VALUE_BASES]
    return context.render("offer_fulfilment.html", status=status, offer=offer, errors=errors,
                          values=values or {"quantity": _shown(offer.get("quantity"))},
                          bases=bases, needs=fitting)


def fulfil_offer(context, offer_id: str) -> Response:
    form = context.request.form
    values = {name: form.get(name, "").strip() for name in FULFIL_FIELDS}
    data = {name: value for name, value in values.items() if value}
    outcome = context.api("fulfilOffer", {**data, "offer_id": offer_id}, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return fulfilment_form(context, offer_id, values, refused, status=422)
    if outcome.status == 409:  # already fulfilled, or no longer open: said on the form
        return fulfilment_form(context, offer_id, values, {"_schema": [outcome.body.get("detail", "")]},
                               status=409)
    if outcome.status != 201:
        return lookup_error(context, outcome)
    return context.redirect(f"/console/offers/{offer_id}", done="fulfilled")


def _shown(value) -> str:
    """An API value as a form shows it: 10.0 as 10, None as empty."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _regions(context) -> list[tuple[str, str]]:
    vocabularies = context.api("listVocabularies")
    return [(term["code"], term[context.lang]) for term in vocabularies.body.get("regions", [])] \
        if vocabularies.status == 200 else []


def offer_form(context, values: dict | None = None, errors: dict | None = None,
               status: int = 200) -> Response:
    kinds = [(code, label(OFFER_KINDS, code, context.lang)) for code in OFFER_KINDS]
    # Without the regions the API's message on `regions` says why.
    return context.render("offer_form.html", status=status, values=values or {"regions": []},
                          errors=errors, kinds=kinds, regions=_regions(context))


def post_offer(context) -> Response:
    form = context.request.form
    values = {name: form.get(name, "").strip() for name in OFFER_FIELDS}
    values["regions"] = form.getlist("regions")
    values["online"] = "true" if form.get("online") else ""
    # Empty fields are left out, so the API says which of them it needs.
    data = {name: value for name, value in values.items() if value}
    outcome = context.api("postOffer", data, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return offer_form(context, values, refused, status=422)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return context.redirect("/console/offers", done="created")


def _kind_label(context):
    return lambda code: label(OFFER_KINDS, code, context.lang)
