"""Reports' response contracts."""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.reports.app.caseload import CaseloadQuery
from services.reports.app.facility_use import FacilityUseQuery
from services.reports.app.membership import MembershipQuery


class RegionCountsSchema(Schema):
    region = fields.String()
    organisations = fields.Integer()
    needs = fields.Integer()
    verified_organisations = fields.Integer()


class SummarySchema(Schema):
    regions = fields.List(fields.Nested(RegionCountsSchema))
    total_organisations = fields.Integer()
    total_needs = fields.Integer()


class FacilityUseQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    region = fields.String(validate=validate.Length(max=50))
    month = fields.String(validate=validate.Regexp(
        r"^\d{4}-(0[1-9]|1[0-2])$", error="YYYY-MM で入力してください / month as YYYY-MM"),
        metadata={"description": "利用月（開始日時, UTC）/ month of use", "example": "2027-01"})

    @post_load
    def to_query(self, data, **_):
        return FacilityUseQuery(**data)


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


class MembershipQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    region = fields.String(validate=validate.Length(max=50))
    as_of = fields.Date(metadata={"description": "基準日 / as of (default today)"})

    @post_load
    def to_query(self, data, **_):
        return MembershipQuery(**data)


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


_MONTH = validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$",
                         error="YYYY-MM で入力してください / month as YYYY-MM")


class CaseloadQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    from_month = fields.String(validate=_MONTH, metadata={"example": "2026-04"})
    to_month = fields.String(validate=_MONTH, metadata={"example": "2027-03"})

    @post_load
    def to_query(self, data, **_):
        return CaseloadQuery(**data)


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
