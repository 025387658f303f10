"""Funding requests as the contract loads them, turned into what the use cases take."""
from services.common.pagination import decode_cursor
from services.matching.app.funding import PublishOpportunity
from services.matching.domain.funding import Eligibility


def publish_opportunity(request: dict) -> PublishOpportunity:
    data = dict(request)
    rules = dict(data.pop("eligibility"))
    rules["fields"] = rules.pop("fields_", [])
    return PublishOpportunity(opportunity_id=data.pop("request_id"), eligibility=Eligibility(**rules), **data)


def opportunity_list(request: dict) -> dict:
    return {"open_only": request["open_only"], "after": decode_cursor(request.get("cursor")),
            "limit": request["limit"]}


def apply(request: dict) -> dict:
    return {"application_id": request["request_id"], "opportunity_id": request["opportunity_id"],
            "organisation_id": request.get("organisation_id")}
