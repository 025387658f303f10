"""Partners' screens: their offers, one offer with the needs it fits, and posting an offer."""
from werkzeug.wrappers import Response

from gateway.console.texts import OFFER_KINDS, label

PAGE_SIZE = 20
# What the offer form sends; each is a field of the API's PostOfferRequest.
OFFER_FIELDS = ("kind", "title", "description", "quantity", "unit", "starts", "ends")


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
        return context.outcome_error(needs)
    found = context.api("getOffer", {"offer_id": offer_id})
    if found.status != 200:
        return context.outcome_error(found)
    return context.render("offer.html", offer=found.body, needs=needs.body["items"],
                          kind_label=_kind_label(context))


def offer_form(context, values: dict | None = None, errors: dict | None = None,
               status: int = 200) -> Response:
    kinds = [(code, label(OFFER_KINDS, code, context.lang)) for code in OFFER_KINDS]
    vocabularies = context.api("listVocabularies")
    regions = [(term["code"], term[context.lang]) for term in vocabularies.body.get("regions", [])] \
        if vocabularies.status == 200 else []  # without them the API's message on `regions` says why
    return context.render("offer_form.html", status=status, values=values or {"regions": []},
                          errors=errors, kinds=kinds, regions=regions)


def post_offer(context) -> Response:
    form = context.request.form
    values = {name: form.get(name, "").strip() for name in OFFER_FIELDS}
    values["regions"] = form.getlist("regions")
    values["online"] = "true" if form.get("online") else ""
    # Empty fields are left out, so the API says which of them it needs.
    data = {name: value for name, value in values.items() if value}
    outcome = context.api("postOffer", data, form.get("form_key", ""))
    if outcome.status == 422 and outcome.body.get("errors"):
        return offer_form(context, values, outcome.body["errors"], status=422)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return context.redirect("/console/offers", done="created")


def _kind_label(context):
    return lambda code: label(OFFER_KINDS, code, context.lang)
