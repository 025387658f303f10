"""Routes to reports."""
from services.reports.contract.requests import (GetCaseloadRequest, GetFacilityUseRequest,
                                                GetMembershipRequest)
from services.reports.contract.responses import (CaseloadSchema, FacilityUseReportSchema,
                                                 MembershipReportSchema, NetworkFiguresSchema,
                                                 SummarySchema)

from gateway.routes.route import EVERYONE, Route

ROUTES = (
    Route("getSummary", "GET", "/api/v1/reports/summary",
          "地域別の集計 / Organisations and needs per region", "reports", EVERYONE,
          ("reports", "get_summary"), response=SummarySchema),
    Route("getFacilityUse", "GET", "/api/v1/reports/facility-use",
          "拠点施設の利用状況 / Bookings per facility, by status, with confirmed hours", "reports",
          ("operator",), ("reports", "get_facility_use"), request=GetFacilityUseRequest,
          response=FacilityUseReportSchema),
    Route("getMembership", "GET", "/api/v1/reports/membership",
          "自治会加入率と転入者の紹介希望（地域別）/ Membership rate and newcomers per region",
          "reports", EVERYONE, ("reports", "get_membership"), request=GetMembershipRequest,
          response=MembershipReportSchema),
    Route("getCaseload", "GET", "/api/v1/reports/consultations",
          "相談件数（月・分野・状況別）/ Consultation caseload per month, topic and status",
          "reports", ("operator",), ("reports", "get_caseload"), request=GetCaseloadRequest,
          response=CaseloadSchema),
    Route("getNetworkFigures", "GET", "/api/v1/reports/networks",
          "団体間のつながりと名簿の規模 / Ties between organisations and roster sizes", "reports",
          EVERYONE,
          ("reports", "get_network_figures"), response=NetworkFiguresSchema),
)
