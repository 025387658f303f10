"""A partner's CSR ledger and annual report (request, status, download), its listing in the
public partner directory, and the operators' view of partners (the list, one partner's ledger
and report jobs). Every datum through `context.api`: reports decides whose ledger and jobs a
session may read (another partner's answer 404)."""
from datetime import date

from werkzeug.wrappers import Response

from gateway.console.app import CITY_TIME
from gateway.console.partner_screens import lookup_error
from gateway.dispatch import file_response

PARTNER_ANNUAL_CSR = "partner_annual_csr"
REPORT_FORMATS = ("pdf", "xlsx", "csv")
# The ledger page's totals reach back this many fiscal years (the one shown included).
YEARS_SHOWN = 3
FIRST_FISCAL_YEAR = 2019  # reports' own first year: earlier ones answer 422
PAGE_SIZE = 20


def fiscal_year_of(day: date) -> int:
    """Japan's fiscal year (April–March), named by its first calendar year."""
    return day.year if day.month >= 4 else day.year - 1


def years_to_total(shown: int, first: int = FIRST_FISCAL_YEAR, count: int = YEARS_SHOWN) -> list[int]:
    """The fiscal years whose totals sit beside the one shown: it and those before, newest first."""
    return [year for year in range(shown, shown - count, -1) if year >= first]


def _this_fiscal_year(context) -> int:
    return fiscal_year_of(context.now.astimezone(CITY_TIME).date())


# Partners

def ledger(context) -> Response:
    return ledger_page(context, context.session.account.subject_id)


def request_own_report(context) -> Response:
    return request_report(context, context.session.account.subject_id)


def ledger_page(context, partner_id: str, errors: dict | None = None, status: int = 200,
                values: dict | None = None) -> Response:
    """The ledger of one fiscal year (its lines), the totals of the years before it, the
    partner's report jobs and the form asking for the annual report."""
    asked = context.request.args.get("fiscal_year", "").strip() or str(_this_fiscal_year(context))
    found = context.api("getPartnerLedger", {"partner_id": partner_id, "fiscal_year": asked})
    year_errors = None
    if found.status == 422 and "fiscal_year" in (found.body.get("errors") or {}):
        # A year out of range or not a number: said beside the year.
        year_errors, ledger_body = found.body["errors"], None
    elif found.status == 422:  # a partner id in the URL that is no id at all
        return context.error_page(404, "not_found")
    elif found.status != 200:
        return lookup_error(context, found)
    else:
        ledger_body = found.body
    totals = []
    if ledger_body:
        for year in years_to_total(ledger_body["fiscal_year"]):
            answer = found if year == ledger_body["fiscal_year"] else \
                context.api("getPartnerLedger", {"partner_id": partner_id, "fiscal_year": str(year)})
            if answer.status == 200:
                totals.append(answer.body)
    jobs = context.api("listReportJobs", {"limit": "100"})
    own_jobs = [job for job in jobs.body.get("items", []) if job.get("partner_id") == partner_id] \
        if jobs.status == 200 else []
    organisation = None
    if context.session.account.role == "operator":
        named = context.api("getOrganisation", {"organisation_id": partner_id})
        if named.status != 200:
            return lookup_error(context, named)
        organisation = named.body
    done = context.request.args.get("done")
    return context.render(
        "ledger.html", status=status, ledger=ledger_body, totals=totals, jobs=own_jobs[:PAGE_SIZE],
        asked_year=asked, year_errors=year_errors, errors=errors, organisation=organisation,
        partner_id=partner_id, formats=REPORT_FORMATS,
        values=values or {"fiscal_year": str(ledger_body["fiscal_year"]) if ledger_body else asked,
                          "formats": ["pdf"]},
        request_action=(f"/console/partners/{partner_id}/reports" if organisation
                        else "/console/ledger/reports"),
        ledger_path=f"/console/partners/{partner_id}" if organisation else "/console/ledger",
        done=context.text("done_report_requested") if done == "requested" else None)


def request_report(context, partner_id: str) -> Response:
    form = context.request.form
    values = {"fiscal_year": form.get("fiscal_year", "").strip(), "formats": form.getlist("formats"),
              "title_name": form.get("title_name", "").strip()}
    data = {"report_kind": PARTNER_ANNUAL_CSR, "partner_id": partner_id,
            "formats": values["formats"],
            **{name: values[name] for name in ("fiscal_year", "title_name") if values[name]}}
    outcome = context.api("requestReport", data, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return ledger_page(context, partner_id, refused, status=422, values=values)
    if outcome.status != 202:
        return lookup_error(context, outcome)
    return context.redirect(f"/console/reports/{outcome.body['job_id']}")


def report_job(context, job_id: str) -> Response:
    """A job's status; when done, a link per file. Without JavaScript the page does not poll:
    its refresh link asks again."""
    found = context.api("getReportJob", {"job_id": job_id})
    if found.status != 200:
        return lookup_error(context, found)
    job = found.body
    back = f"/console/partners/{job['partner_id']}" \
        if context.session.account.role == "operator" and job.get("partner_id") else "/console/ledger"
    return context.render("report_job.html", job=job, back=back)


def report_file(context, job_id: str, format: str) -> Response:
    """The file, streamed through the console with the service's content type and filename."""
    found = context.api("getReportFile", {"job_id": job_id, "format": format})
    if found.status == 409:  # still being generated
        return context.error_page(409, "report_not_ready")
    if found.status != 200:
        return lookup_error(context, found)
    response = file_response(200, found.body)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# The public partner directory

def directory(context, errors: dict | None = None, values: dict | None = None,
              status: int = 200) -> Response:
    partner_id = context.session.account.subject_id
    listed = context.api("getPartnerDirectory")
    if listed.status != 200:
        return context.outcome_error(listed)
    entry = next((item for item in listed.body["items"] if item["partner_id"] == partner_id), None)
    if values is None:
        if entry:
            values = {"display_name": entry["display_name"], "message": entry.get("message", "")}
        else:
            named = context.api("getOrganisation", {"organisation_id": partner_id})
            values = {"display_name": named.body.get("name", "") if named.status == 200 else "",
                      "message": ""}
    done = context.request.args.get("done")
    return context.render("directory.html", status=status, entry=entry, values=values,
                          errors=errors,
                          done=context.text(f"done_directory_{done}")
                          if done in ("listed", "withdrawn") else None)


def consent_to_directory(context) -> Response:
    form = context.request.form
    values = {"display_name": form.get("display_name", "").strip(),
              "message": form.get("message", "").strip()}
    data = {"partner_id": context.session.account.subject_id, "message": values["message"],
            **({"display_name": values["display_name"]} if values["display_name"] else {})}
    outcome = context.api("consentToDirectory", data)
    if refused := context.refused_fields(outcome):
        return directory(context, refused, values, status=422)
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect("/console/directory", done="listed")


def withdraw_from_directory(context) -> Response:
    outcome = context.api("withdrawFromDirectory", {"partner_id": context.session.account.subject_id})
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect("/console/directory", done="withdrawn")


# Operators

def partners(context) -> Response:
    """Businesses (the partners), searchable in any kana or width, page by page."""
    args = context.request.args
    query = {"q": args.get("q", "").strip(), "cursor": args.get("cursor", "")}
    data = {"kind": "business", "limit": str(PAGE_SIZE),
            **{name: value for name, value in query.items() if value}}
    outcome = context.api("listOrganisations", data)
    if outcome.status == 422:  # an over-long search or a tampered cursor: said beside the search
        return context.render("partners.html", status=422, query=query, items=[], next_cursor=None,
                              errors=outcome.body.get("errors"))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.render("partners.html", query=query, items=outcome.body["items"],
                          next_cursor=outcome.body.get("next_cursor"), errors=None)


def partner(context, partner_id: str) -> Response:
    return ledger_page(context, partner_id)
