"""Operators' e-回覧板 screens: circulars sent (by association, page by page) with read counts,
one circular's households read and not yet, and its printable PDF and the 班長's visit list
(CSV, PDF) streamed through the API's own file routes."""
from werkzeug.wrappers import Response

from gateway.console.charts import bar_chart
from gateway.console.survey_figures import share
from gateway.dispatch import file_response

PAGE_SIZE = 20
ASSOCIATIONS_SHOWN = 200
DOWNLOADS = {"circular.pdf": "circularPdf", "visit-list.csv": "circularVisitListCsv",
             "visit-list.pdf": "circularVisitListPdf"}


def circulars(context) -> Response:
    args = context.request.args
    associations = _associations(context)
    organisation_id = args.get("organisation_id", "")
    organisation_id = organisation_id if organisation_id in associations else ""
    cursor = args.get("cursor", "")
    query = {"organisation_id": organisation_id, "cursor": cursor, "limit": str(PAGE_SIZE)}
    outcome = context.api("listCirculars", {name: value for name, value in query.items() if value})
    if outcome.status == 422:
        return context.error_page(422, "error_title", outcome.body.get("detail"))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    items = [{**item, "read_share": share(item["read"], item["households"])}
             for item in outcome.body["items"]]
    return context.render("circulars.html", items=items, associations=associations,
                          query=query, next_cursor=outcome.body.get("next_cursor"))


def circular(context, circular_id: str) -> Response:
    outcome = context.api("circularReads", {"circular_id": circular_id})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    reads = outcome.body
    households, read, unread = reads["households"], reads["read"], reads["unread"]
    chart = bar_chart([(context.text("read_count"), read, share(read, households)),
                       (context.text("unread_count"), unread, share(unread, households))])
    return context.render("circular.html", reads=reads, households=households, read=read,
                          unread=unread, read_share=share(read, households), chart=chart,
                          paper=sum(1 for item in reads["items"] if item["paper"]))


def download(context, circular_id: str, name: str) -> Response:
    """The API's file answer as it is: the bytes, their content type, the download name."""
    route_name = DOWNLOADS.get(name)
    if route_name is None:
        return context.error_page(404, "not_found")
    outcome = context.api(route_name, {"circular_id": circular_id})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return file_response(outcome.status, outcome.body)


def _associations(context) -> dict[str, str]:
    """id -> name of the neighbourhood associations (the senders of circulars), for the filter."""
    outcome = context.api("listOrganisations", {"kind": "neighbourhood_association",
                                                "limit": str(ASSOCIATIONS_SHOWN)})
    return {item["id"]: item["name"] for item in outcome.body["items"]} \
        if outcome.status == 200 else {}
