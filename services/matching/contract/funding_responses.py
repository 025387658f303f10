"""What matching answers about funding: opportunities, fit with reasons, applications."""
from dataclasses import asdict

from marshmallow import Schema, fields


class OpportunitySchema(Schema):
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


class OpportunityPageSchema(Schema):
    items = fields.List(fields.Nested(OpportunitySchema))
    next_cursor = fields.String(allow_none=True)


class FailedRuleSchema(Schema):
    rule = fields.String(metadata={"description": "kinds / regions / fields / min_years_active / legal_forms"})
    reason = fields.String(metadata={"description": "日本語 / English"})


class FitSchema(Schema):
    opportunity = fields.Nested(OpportunitySchema)
    eligible = fields.Boolean()
    failed = fields.List(fields.Nested(FailedRuleSchema))


class FitListSchema(Schema):
    items = fields.List(fields.Nested(FitSchema))


class ApplicationSchema(Schema):
    id = fields.String()
    opportunity_id = fields.String()
    organisation_id = fields.String()
    programme = fields.String()
    region = fields.String()
    status = fields.String(metadata={"description": "applied / awarded / rejected"})
    applied_on = fields.Date()
    amount_awarded_yen = fields.Integer(allow_none=True)
    decided_on = fields.Date(allow_none=True)


class ApplicationListSchema(Schema):
    items = fields.List(fields.Nested(ApplicationSchema))
