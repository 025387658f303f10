"""Reports' response schemas (their class names name the OpenAPI components)."""
from marshmallow import Schema, fields


class RegionCountsSchema(Schema):
    region = fields.String()
    organisations = fields.Integer()
    needs = fields.Integer()
    verified_organisations = fields.Integer()


class SummarySchema(Schema):
    regions = fields.List(fields.Nested(RegionCountsSchema))
    total_organisations = fields.Integer()
    total_needs = fields.Integer()


class FacilityUseSchema(Schema):
    facility_id = fields.String()
    region = fields.String()
    rooms = fields.Integer()
    managing_organisation_id = fields.String(allow_none=True)
    bookings = fields.Integer()
    requested = fields.Integer()
    confirmed = fields.Integer()
    declined = fields.Integer()
    cancelled = fields.Integer()
    confirmed_hours = fields.Float()


class FacilityUseReportSchema(Schema):
    facilities = fields.List(fields.Nested(FacilityUseSchema))


class RegionMembershipSchema(Schema):
    region = fields.String()
    associations = fields.Integer()
    households_in_area = fields.Integer()
    member_households = fields.Integer()
    rate = fields.Float(allow_none=True)
    newcomer_interests = fields.Integer(metadata={"description": "自治会紹介を希望した転入者数 / "
                                                                 "newcomers who asked to be "
                                                                 "introduced"})


class MembershipReportSchema(Schema):
    as_of = fields.Date()
    regions = fields.List(fields.Nested(RegionMembershipSchema))


class CaseloadRowSchema(Schema):
    month = fields.String()
    topic = fields.String()
    status = fields.String()
    consultations = fields.Integer()


class CaseloadSchema(Schema):
    total = fields.Integer()
    by_status = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_channel = fields.Dict(keys=fields.String(), values=fields.Integer())
    follow_ups = fields.Integer()
    referrals = fields.Integer()
    rows = fields.List(fields.Nested(CaseloadRowSchema),
                       metadata={"description": "月・分野・状況別の件数 / per month, topic, status"})


class NetworkFiguresSchema(Schema):
    ties = fields.Integer()
    ties_by_kind = fields.Dict(keys=fields.String(), values=fields.Integer())
    connected_organisations = fields.Integer(metadata={
        "description": "他団体とつながっている団体数 / organisations with at least one tie"})
    roster_entries_by_role = fields.Dict(keys=fields.String(), values=fields.Integer())
    organisations_with_rosters = fields.Integer()
