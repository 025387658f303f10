"""Participation in gatherings (young people, first-timers) and funding outcomes, per region."""
from marshmallow import Schema, fields


class GatheringRowSchema(Schema):
    gathering_id = fields.String()
    organiser_id = fields.String()
    kind = fields.String()
    region = fields.String()
    held_on = fields.Date()
    capacity = fields.Integer()
    signed_up = fields.Integer()
    attended = fields.Integer()
    youth_attended = fields.Integer(metadata={"description": "10代・20代の出席者 / attendees in their teens or twenties"})
    first_timers_attended = fields.Integer(metadata={"description": "初参加の出席者 / attendees at their first gathering"})
    ideas = fields.Integer()
    follow_ups = fields.Integer()


class RegionParticipationSchema(Schema):
    region = fields.String()
    gatherings = fields.Integer()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    youth_share = fields.Float(allow_none=True)


class GatheringParticipationSchema(Schema):
    fiscal_year = fields.Integer()
    gatherings = fields.List(fields.Nested(GatheringRowSchema))
    regions = fields.List(fields.Nested(RegionParticipationSchema))


class FundingRowSchema(Schema):
    programme = fields.String()
    region = fields.String()
    applications = fields.Integer()
    awarded = fields.Integer()
    rejected = fields.Integer()
    pending = fields.Integer()
    awarded_yen = fields.Integer()


class FundingOutcomesSchema(Schema):
    fiscal_year = fields.Integer()
    programmes = fields.List(fields.String())
    rows = fields.List(fields.Nested(FundingRowSchema))
