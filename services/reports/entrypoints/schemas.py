"""Reports' response contracts."""
from marshmallow import Schema, fields


class RegionCountsSchema(Schema):
    region = fields.String()
    organisations = fields.Integer()
    needs = fields.Integer()


class SummarySchema(Schema):
    regions = fields.List(fields.Nested(RegionCountsSchema))
    total_organisations = fields.Integer()
    total_needs = fields.Integer()
