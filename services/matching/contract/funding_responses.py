"""What matching answers about funding: opportunities, fit with reasons, applications."""
from dataclasses import asdict

from marshmallow import Schema, fields


class FundingOpportunitySchema(Schema):
    id = fields.String()
    funder = fields.String()
    programme = fields.String()
    title = fields.String()
    description = fields.String()
    eligibility = fields.Function(lambda o: asdict(o.eligibility))
    amount_min_yen = fields.Integer()
    amount_max_yen = fields.Integer()
    opens_on = fields.Date()
    closes_on = fields.Date()
    links = fields.List(fields.String())
    remind_days_before = fields.Integer()


class FundingOpportunityPageSchema(Schema):
    items = fields.List(fields.Nested(FundingOpportunitySchema))
    next_cursor = fields.String(allow_none=True)


class FundingFailedRuleSchema(Schema):
    rule = fields.String(metadata={"description": "kinds / regions / fields / min_years_active / legal_forms"})
    reason = fields.String(metadata={"description": "日本語 / English"})


class FundingFitSchema(Schema):
    opportunity = fields.Nested(FundingOpportunitySchema)
    eligible = fields.Boolean()
    failed = fields.List(fields.Nested(FundingFailedRuleSchema))


class FundingFitListSchema(Schema):
    items = fields.List(fields.Nested(FundingFitSchema))


class FundingApplicationSchema(Schema):
    id = fields.String()
    opportunity_id = fields.String()
    organisation_id = fields.String()
    programme = fields.String()
    region = fields.String()
    status = fields.String(metadata={"description": "applied / awarded / rejected"})
    applied_on = fields.Date()
    amount_awarded_yen = fields.Integer(allow_none=True)
    decided_on = fields.Date(allow_none=True)


class FundingApplicationListSchema(Schema):
    items = fields.List(fields.Nested(FundingApplicationSchema))
