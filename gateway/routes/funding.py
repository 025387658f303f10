"""Routes to matching's funding opportunities and reports' funding outcomes. Whose applications
and whose eligibility an organisation may see is decided by the service."""
from services.matching.contract.funding_requests import (ApplyForFundingRequest, ListFundingOpportunitiesRequest,
                                                         FundingOpportunityIdRequest, OrganisationFundingRequest,
                                                         PublishFundingOpportunityRequest, RecordFundingResultRequest)
from services.matching.contract.funding_responses import (FundingApplicationListSchema, FundingApplicationSchema, FundingFitListSchema,
                                                          FundingOpportunityPageSchema, FundingOpportunitySchema)
from services.reports.contract.participation_requests import FundingOutcomesRequest
from services.reports.contract.participation_responses import FundingOutcomesSchema

from gateway.routes.route import EVERYONE, Route

TAG = "funding"
APPLICANTS = ("organisation", "operator")

ROUTES = (
    Route("publishFundingOpportunity", "POST", "/api/v1/funding-opportunities",
          "助成・補助金の情報を掲載 / Publish a funding opportunity", TAG, ("operator",),
          ("matching", "publish_opportunity"), request=PublishFundingOpportunityRequest, response=FundingOpportunitySchema,
          status=201),
    Route("listFundingOpportunities", "GET", "/api/v1/funding-opportunities", "助成情報の一覧 / List funding opportunities",
          TAG, EVERYONE, ("matching", "list_opportunities"), request=ListFundingOpportunitiesRequest,
          response=FundingOpportunityPageSchema),
    Route("getFundingOpportunity", "GET", "/api/v1/funding-opportunities/<opportunity_id>",
          "助成情報の詳細 / Get a funding opportunity", TAG, EVERYONE, ("matching", "get_opportunity"),
          request=FundingOpportunityIdRequest, response=FundingOpportunitySchema),
    Route("fundingEligibility", "GET", "/api/v1/funding-eligibility",
          "受付中の助成と応募資格（満たさない条件と理由つき） / Open opportunities and whether the organisation "
          "is eligible, with the reason each failing rule fails", TAG, APPLICANTS,
          ("matching", "funding_eligibility"), request=OrganisationFundingRequest, response=FundingFitListSchema),
    Route("applyForFunding", "POST", "/api/v1/funding-opportunities/<opportunity_id>/applications",
          "申請を記録 / Record an application", TAG, APPLICANTS, ("matching", "apply_for_funding"),
          request=ApplyForFundingRequest, response=FundingApplicationSchema, status=201),
    Route("listFundingApplications", "GET", "/api/v1/funding-applications",
          "団体の申請一覧 / An organisation's applications", TAG, APPLICANTS,
          ("matching", "list_funding_applications"), request=OrganisationFundingRequest,
          response=FundingApplicationListSchema),
    Route("recordFundingResult", "POST", "/api/v1/funding-applications/<application_id>/result",
          "採択・不採択を記録 / Record the result (awarded with amount, or rejected)", TAG, APPLICANTS,
          ("matching", "record_funding_result"), request=RecordFundingResultRequest, response=FundingApplicationSchema),
    Route("getFundingOutcomes", "GET", "/api/v1/reports/funding",
          "助成の申請・採択（制度・地域・年度別） / Funding applications and results per programme, region and "
          "fiscal year", "reports", ("operator",), ("reports", "get_funding_outcomes"),
          request=FundingOutcomesRequest, response=FundingOutcomesSchema),
)
