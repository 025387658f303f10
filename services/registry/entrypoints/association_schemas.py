"""Neighbourhood-association contracts: area, household figures, membership rate, newcomers."""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.registry.app.associations import NewcomerInterest, RateQuery, RecordFigure, SetArea
from services.registry.domain.membership import HOUSEHOLDS_IN_AREA, MEMBER_HOUSEHOLDS
from services.registry.entrypoints.schemas import OrganisationSchema


class _Strict(Schema):
    class Meta:
        unknown = RAISE


_ORG_ID = dict(required=True, validate=validate.Length(min=1, max=36))


class AssociationIdSchema(_Strict):
    organisation_id = fields.String(**_ORG_ID)


class AreaBodySchema(_Strict):
    towns = fields.List(fields.String(validate=validate.Length(min=1, max=100)), required=True,
                        validate=validate.Length(min=1, max=100),
                        metadata={"description": "区域の町名 / towns covered",
                                  "example": ["今津町"]})


class AreaRequestSchema(AreaBodySchema):
    organisation_id = fields.String(**_ORG_ID)

    @post_load
    def to_command(self, data, **_):
        return SetArea(**data)


class AreaSchema(Schema):
    organisation_id = fields.String()
    region = fields.String()
    towns = fields.List(fields.String())


class HouseholdsBodySchema(_Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    households_in_area = fields.Integer(required=True, validate=validate.Range(min=0, max=10**7),
                                        metadata={"description": "区域内世帯数（住民基本台帳）/ "
                                                                 "households in the area"})
    as_of = fields.Date(required=True, metadata={"description": "基準日 / as of"})


class HouseholdsRequestSchema(HouseholdsBodySchema):
    organisation_id = fields.String(**_ORG_ID)

    @post_load
    def to_command(self, data, **_):
        return RecordFigure(str(data["request_id"]), data["organisation_id"], HOUSEHOLDS_IN_AREA,
                            data["households_in_area"], data["as_of"])


class MemberHouseholdsBodySchema(_Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    member_households = fields.Integer(required=True, validate=validate.Range(min=0, max=10**7),
                                       metadata={"description": "加入世帯数 / member households"})
    as_of = fields.Date(required=True, metadata={"description": "基準日 / as of"})


class MemberHouseholdsRequestSchema(MemberHouseholdsBodySchema):
    organisation_id = fields.String(**_ORG_ID)

    @post_load
    def to_command(self, data, **_):
        return RecordFigure(str(data["request_id"]), data["organisation_id"], MEMBER_HOUSEHOLDS,
                            data["member_households"], data["as_of"])


class FigureSchema(Schema):
    id = fields.String()
    organisation_id = fields.String()
    measure = fields.String()
    value = fields.Integer()
    as_of = fields.Date()
    recorded_at = fields.AwareDateTime()


class RateQuerySchema(_Strict):
    region = fields.String(validate=validate.Length(max=50))
    as_of = fields.Date(metadata={"description": "この日時点の最新の数値 / latest figures at or "
                                                 "before this day (default today)"})

    @post_load
    def to_query(self, data, **_):
        return RateQuery(**data)


class AssociationRateSchema(Schema):
    organisation_id = fields.String()
    name = fields.String()
    region = fields.String()
    towns = fields.List(fields.String())
    households_in_area = fields.Integer(allow_none=True)
    households_as_of = fields.Date(allow_none=True)
    member_households = fields.Integer(allow_none=True)
    members_as_of = fields.Date(allow_none=True)
    rate = fields.Float(allow_none=True, metadata={"description": "加入率 / membership rate"})


class RegionRateSchema(Schema):
    region = fields.String()
    associations = fields.Integer()
    counted = fields.Integer(metadata={"description": "両方の数値がある自治会数 / associations "
                                                      "with both figures (in the sums)"})
    households_in_area = fields.Integer()
    member_households = fields.Integer()
    rate = fields.Float(allow_none=True)


class MembershipRatesSchema(Schema):
    as_of = fields.Date()
    associations = fields.List(fields.Nested(AssociationRateSchema))
    regions = fields.List(fields.Nested(RegionRateSchema))
    city = fields.Nested(RegionRateSchema)


class NewcomerQuerySchema(_Strict):
    region = fields.String(required=True, validate=validate.Length(min=1, max=50))
    town = fields.String(required=True, validate=validate.Length(min=1, max=100),
                         metadata={"description": "転居先の町名 / your new town"})


class CoveringAssociationSchema(Schema):
    organisation = fields.Nested(OrganisationSchema(only=(
        "id", "name", "name_kana", "region", "town", "description", "contacts")))
    towns = fields.List(fields.String())


class CoveringAssociationsSchema(Schema):
    items = fields.List(fields.Nested(CoveringAssociationSchema))


class NewcomerInterestSchema(_Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    organisation_id = fields.String(**_ORG_ID)
    region = fields.String(required=True, validate=validate.Length(min=1, max=50))
    town = fields.String(required=True, validate=validate.Length(min=1, max=100))
    consent = fields.Boolean(required=True, metadata={
        "description": "自治会に知らせることへの同意 / consent to tell the association"})

    @post_load
    def to_command(self, data, **_):
        return NewcomerInterest(interest_id=str(data.pop("request_id")), **data)


class NewcomerInterestRegisteredSchema(Schema):
    interest_id = fields.String()
    organisation_id = fields.String()
