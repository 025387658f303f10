"""Operators' announcement screens: the list with read counts (page by page), publishing one
(to everyone, or to regions and fields), and one announcement with its read count as figures
and a bar chart."""
from werkzeug.wrappers import Response

from gateway.console.charts import bar_chart
from gateway.console.survey_figures import share

PAGE_SIZE = 20
TEXT_FIELDS = ("title", "body")


def announcements(context) -> Response:
    cursor = context.request.args.get("cursor", "")
    outcome = context.api("listAnnouncements", {"limit": str(PAGE_SIZE),
                                                **({"cursor": cursor} if cursor else {})})
    if outcome.status == 422:  # a tampered cursor: back to the first page, saying why
        return context.error_page(422, "error_title", outcome.body.get("detail"))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    items = [{**item, "read_share": share(item["read"], item["recipients"])}
             for item in outcome.body["items"]]
    return context.render("announcements.html", items=items, cursor=cursor,
                          next_cursor=outcome.body.get("next_cursor"))


def announcement_form(context, values: dict | None = None, errors: dict | None = None,
                      status: int = 200) -> Response:
    values = values or {"title": "", "body": "", "regions": [], "fields": [], "critical": False,
                        "public": True}
    return context.render("announcement_form.html", status=status, values=values, errors=errors,
                          regions=_terms(context, "regions"), fields=_terms(context, "fields"))


def publish(context) -> Response:
    form = context.request.form
    values = {name: form.get(name, "").strip() for name in TEXT_FIELDS}
    values.update(regions=form.getlist("regions"), fields=form.getlist("fields"),
                  critical=form.get("critical") == "on", public=form.get("public") == "on")
    data = {**{name: values[name] for name in TEXT_FIELDS if values[name]},
            "regions": values["regions"], "fields": values["fields"],
            "critical": values["critical"], "public": values["public"]}
    outcome = context.api("publishAnnouncement", data, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return announcement_form(context, values, refused, status=422)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/announcements/{outcome.body['id']}", done="published")


def announcement(context, announcement_id: str) -> Response:
    outcome = context.api("getAnnouncement", {"announcement_id": announcement_id})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    reads = context.api("announcementReads", {"announcement_id": announcement_id})
    if reads.status != 200:
        return context.outcome_error(reads)
    recipients, read = reads.body["recipients"], reads.body["read"]
    chart = bar_chart([(context.text("read_count"), read, share(read, recipients)),
                       (context.text("unread_count"), recipients - read,
                        share(recipients - read, recipients))])
    region_label, field_label = context.vocabulary("regions"), context.vocabulary("fields")
    done = context.request.args.get("done")
    return context.render("announcement.html", announcement=outcome.body, recipients=recipients,
                          read=read, unread=recipients - read, read_share=share(read, recipients),
                          chart=chart, region_label=region_label, field_label=field_label,
                          done=context.text("announcement_published") if done == "published"
                          else None)


def _terms(context, name: str) -> list[tuple[str, str]]:
    """(code, label in this language) of a vocabulary, for checkboxes."""
    outcome = context.api("listVocabularies")
    terms = outcome.body.get(name, []) if outcome.status == 200 else []
    return [(term["code"], term[context.lang]) for term in terms]
