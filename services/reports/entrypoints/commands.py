"""The app layer's queries, built from loaded requests."""
from services.reports.app.caseload import CaseloadQuery
from services.reports.app.facility_use import FacilityUseQuery
from services.reports.app.membership import MembershipQuery


def facility_use_query(request: dict) -> FacilityUseQuery:
    return FacilityUseQuery(**request)


def membership_query(request: dict) -> MembershipQuery:
    return MembershipQuery(**request)


def caseload_query(request: dict) -> CaseloadQuery:
    return CaseloadQuery(**request)
