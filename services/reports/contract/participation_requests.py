"""Requests for participation in gatherings and funding outcomes (kept apart from requests.py so
it merges cleanly)."""
from marshmallow import fields, validate

from services.common.contract_schema import StrictSchema
from services.reports.contract.vocabulary import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR


class GatheringParticipationRequest(StrictSchema):
    fiscal_year = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(
        FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR,
        error=f"年度は{FIRST_FISCAL_YEAR}〜{LAST_FISCAL_YEAR}です / fiscal year must be "
              f"{FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}"),
        metadata={"description": "年度（4月〜翌3月、既定は今年度） / fiscal year April–March (default: the current one)"})


class FundingOutcomesRequest(GatheringParticipationRequest):
    """Applications counted in the fiscal year they were made."""
