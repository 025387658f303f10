"""The app layer's queries and commands, built from loaded requests (and the process settings)."""
import json
import os

from services.common.city_profile_file import city_profile_path, region_names
from services.common.errors import invalid
from services.reports.adapters.report_files.renderer import FileReportRenderer
from services.reports.app.caseload import CaseloadQuery
from services.reports.app.csr_ledger import LedgerQuery
from services.reports.app.facility_use import FacilityUseQuery
from services.reports.app.kpi import DefineIndicator, DrillDown, ProgressQuery
from services.reports.app.membership import MembershipQuery
from services.reports.app.report_jobs import Generation, RequestReport
from services.reports.app.surveys import Answer, DefineSurvey
from services.reports.domain.survey import Question
from services.reports.domain.csr_ledger import DEFAULT_MIN_CELL
from services.reports.domain.kpi import Grades


def min_cell() -> int:
    """KYODO_REPORTS_MIN_CELL: a regional cell with fewer volunteers than this is hidden."""
    return max(1, int(os.environ.get("KYODO_REPORTS_MIN_CELL", str(DEFAULT_MIN_CELL))))


def facility_use_query(request: dict) -> FacilityUseQuery:
    return FacilityUseQuery(**request)


def membership_query(request: dict) -> MembershipQuery:
    return MembershipQuery(**request)


def caseload_query(request: dict) -> CaseloadQuery:
    return CaseloadQuery(**request)


def ledger_query(request: dict) -> LedgerQuery:
    return LedgerQuery(request["partner_id"], request["fiscal_year"], min_cell())


def request_report(request: dict) -> RequestReport:
    return RequestReport(**request)


def grades() -> Grades:
    """KYODO_KPI_GRADES="100,80,60": the 達成率 (%) at or above which a value is S, A and B."""
    configured = os.environ.get("KYODO_KPI_GRADES")
    if not configured:
        return Grades()
    s, a, b = (float(part) for part in configured.split(","))
    return Grades(s, a, b)


def city_name() -> str:
    return json.loads(city_profile_path().read_text(encoding="utf-8"))["name"]


def generation() -> Generation:
    return Generation(FileReportRenderer(), region_names(), min_cell(), city_name(), grades())


def define_indicator(request: dict) -> DefineIndicator:
    if request.get("region") and request["region"] not in region_names():
        raise invalid(region=f"地域コードが違います / unknown region: {request['region']} "
                                  f"(one of {', '.join(region_names())})")
    return DefineIndicator(**request)


def progress_query(request: dict) -> ProgressQuery:
    return ProgressQuery(request.get("as_of"), tuple(region_names()), grades())


def drill_down(request: dict) -> DrillDown:
    if request.get("region") and request["region"] not in region_names():
        raise invalid(region=f"地域コードが違います / unknown region: {request['region']} "
                                  f"(one of {', '.join(region_names())})")
    return DrillDown(**request)


def define_survey(request: dict) -> DefineSurvey:
    questions = [Question(q["id"], q["text"], q["kind"], q["required"], tuple(q["options"]),
                          q["minimum"], q["maximum"]) for q in request["questions"]]
    return DefineSurvey(request["request_id"], request["title"], request["description"],
                        questions)


def answer(request: dict) -> Answer:
    return Answer(**request)
