"""Requests about funding opportunities and applications: one schema per RPC (kept apart from
requests.py so it merges cleanly)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from services.common.contract_schema import StrictSchema, UuidString
from services.matching.contract.vocabulary import DEFAULT_FUNDING_REMINDER_DAYS, FUNDING_RESULTS

_CODES = fields.List(fields.String(validate=validate.Length(min=1, max=50)), load_default=list,
                     validate=validate.Length(max=30))
_YEN = validate.Range(min=0, max=1_000_000_000)


class FundingEligibilitySchema(StrictSchema):
    kinds = _CODES
    regions = _CODES
    fields_ = fields.List(fields.String(validate=validate.Length(min=1, max=50)), load_default=list,
                          validate=validate.Length(max=30), data_key="fields",
                          metadata={"description": "いずれかの分野で活動していれば対象 / any one of these fields"})
    min_years_active = fields.Integer(load_default=0, validate=validate.Range(min=0, max=100))
    legal_forms = _CODES


class PublishFundingOpportunityRequest(StrictSchema):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    funder = fields.String(required=True, validate=validate.Length(min=1, max=200), metadata={"example": "岩国市"})
    programme = fields.String(required=True, validate=validate.Length(min=1, max=200),
                              metadata={"example": "協働のまちづくり事業補助金"})
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=4000))
    eligibility = fields.Nested(FundingEligibilitySchema, load_default=dict)
    amount_min_yen = fields.Integer(load_default=0, validate=_YEN)
    amount_max_yen = fields.Integer(required=True, validate=_YEN)
    opens_on = fields.Date(required=True)
    closes_on = fields.Date(required=True)
    links = fields.List(fields.Url(schemes={"http", "https"}), load_default=list, validate=validate.Length(max=20),
                        metadata={"description": "募集要項・様式 / guidelines and forms"})
    remind_days_before = fields.Integer(load_default=DEFAULT_FUNDING_REMINDER_DAYS,
                                        validate=validate.Range(min=1, max=90),
                                        metadata={"description": "締切の何日前に未申請の対象団体へ知らせるか / days "
                                                                 "before closing to remind eligible organisations"})

    @validates_schema
    def _window(self, data, **_):
        if data["closes_on"] < data["opens_on"]:
            raise ValidationError("締切は受付開始以降にしてください / closes_on must not be before opens_on", "closes_on")
        if data["amount_max_yen"] < data["amount_min_yen"]:
            raise ValidationError("上限は下限以上にしてください / the maximum must not be below the minimum",
                                  "amount_max_yen")


class FundingOpportunityIdRequest(StrictSchema):
    opportunity_id = UuidString(required=True)


class ListFundingOpportunitiesRequest(StrictSchema):
    open_only = fields.Boolean(load_default=True, metadata={"description": "受付中のみ / open windows only"})
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class OrganisationFundingRequest(StrictSchema):
    organisation_id = UuidString(metadata={"description": "団体（既定は呼び出した団体） / the organisation "
                                                          "(defaults to the caller's)"})


class ApplyForFundingRequest(FundingOpportunityIdRequest):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    organisation_id = UuidString()


class RecordFundingResultRequest(StrictSchema):
    application_id = UuidString(required=True)
    result = fields.String(required=True, validate=validate.OneOf(FUNDING_RESULTS))
    amount_yen = fields.Integer(load_default=None, allow_none=True, validate=_YEN)
