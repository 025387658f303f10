"""CSR offer contracts."""
from dataclasses import asdict

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from services.common.pagination import decode_cursor
from services.matching.app.offers import OfferListQuery
from services.matching.domain.offer import OFFER_KINDS, OFFER_STATUSES
from services.matching.entrypoints.schema_fields import Strict, codes, skill_levels
from services.matching.entrypoints.schemas import NeedSchema


class _OfferFields(Strict):
    title = fields.String(validate=validate.Length(min=1, max=200), metadata={"example": "社員による清掃ボランティア"})
    description = fields.String(validate=validate.Length(max=4000))
    skills = skill_levels(description="提供する人材のスキル（人材・専門知識のみ） / staff skills (staff_time, expertise)")
    fields_ = codes(data_key="fields", description="活動分野 / fields of activity")
    quantity = fields.Float(validate=validate.Range(min=0.01, max=1e9), metadata={
        "description": "数量・規模（人数、時間、金額、個数、定員） / quantity or capacity"})
    unit = fields.String(validate=validate.Length(min=1, max=30), metadata={"example": "人"})
    regions = codes(description="提供できる地域 / regions served", example=["iwakuni"])
    online = fields.Boolean()
    starts = fields.Date()
    ends = fields.Date()

    @validates_schema
    def _ordered(self, data, **_):
        if data.get("starts") and data.get("ends") and data["starts"] > data["ends"]:
            raise ValidationError("終了日は開始日以降にしてください / ends must not be before starts", "ends")


class PostOfferSchema(_OfferFields):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    organisation_id = fields.UUID(metadata={"description": "運営者が代理登録する場合 / for operators"})
    kind = fields.String(required=True, validate=validate.OneOf(OFFER_KINDS))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "quantity", "unit", "starts", "ends"):
            self.fields[name].required = True
        for name, default in {"description": "", "skills": dict, "fields_": list, "regions": list,
                              "online": False}.items():
            self.fields[name].load_default = default

    @post_load
    def to_request(self, data, **_):
        organisation_id = data.pop("organisation_id", None)
        request_id = str(data.pop("request_id"))
        data["fields"] = data.pop("fields_")
        return {"request_id": request_id, "organisation_id": str(organisation_id) if organisation_id else None,
                "details": data}


class UpdateOfferSchema(_OfferFields):
    status = fields.String(validate=validate.OneOf(OFFER_STATUSES))


class UpdateOfferRequestSchema(UpdateOfferSchema):
    offer_id = fields.UUID(required=True)

    @post_load
    def to_request(self, data, **_):
        if "fields_" in data:
            data["fields"] = data.pop("fields_")
        return {"offer_id": str(data.pop("offer_id")), "changes": data}


class OfferIdSchema(Strict):
    offer_id = fields.UUID(required=True)


class OfferRankQuerySchema(OfferIdSchema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class NeedOffersQuerySchema(Strict):
    need_id = fields.UUID(required=True)
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class OfferSchema(Schema):
    id = fields.String()
    organisation_id = fields.String()
    kind = fields.String()
    title = fields.String()
    description = fields.String()
    skills = fields.Dict(keys=fields.String(), values=fields.Integer())
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    quantity = fields.Float()
    unit = fields.String()
    regions = fields.List(fields.String())
    online = fields.Boolean()
    starts = fields.Date()
    ends = fields.Date()
    status = fields.String()
    posted_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class OfferListQuerySchema(Strict):
    organisation_id = fields.String(validate=validate.Length(max=36))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_query(self, data, **_):
        return OfferListQuery(organisation_id=data.get("organisation_id"),
                              after=decode_cursor(data.get("cursor")), limit=data["limit"])


class OfferPageSchema(Schema):
    items = fields.List(fields.Nested(OfferSchema))
    next_cursor = fields.String(allow_none=True)


class _OfferRanked(Schema):
    score = fields.Function(lambda r: round(r.match.score, 6))
    weights_version = fields.Function(lambda r: r.match.weights_version)
    breakdown = fields.Function(lambda r: asdict(r.match.breakdown), metadata={
        "description": "要素ごとの内訳 / per-factor breakdown: kind, skills, fields, region, period"})
    explanation_ja = fields.Function(lambda r: r.match.explanation_ja)
    explanation_en = fields.Function(lambda r: r.match.explanation_en)


class RankedNeedSchema(_OfferRanked):
    need = fields.Nested(NeedSchema)


class RankedNeedListSchema(Schema):
    items = fields.List(fields.Nested(RankedNeedSchema))


class RankedOfferSchema(_OfferRanked):
    offer = fields.Nested(OfferSchema)


class RankedOfferListSchema(Schema):
    items = fields.List(fields.Nested(RankedOfferSchema))
