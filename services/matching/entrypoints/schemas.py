"""Matching's request and response contracts; the gateway validates and documents with these."""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.common.pagination import decode_cursor
from services.matching.app.needs import NeedFilter, PostNeed
from services.matching.domain.need import NEED_KINDS


class PostNeedSchema(Schema):
    class Meta:
        unknown = RAISE

    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    organisation_id = fields.UUID(metadata={
        "description": "募集する団体 / the organisation (defaults to the caller's own)"})
    title = fields.String(required=True, validate=validate.Length(min=1, max=200),
                          metadata={"example": "防災訓練の受付ボランティア募集"})
    description = fields.String(load_default="", validate=validate.Length(max=4000))
    kind = fields.String(required=True, validate=validate.OneOf(NEED_KINDS))
    region = fields.String(validate=validate.Length(min=1, max=50), metadata={
        "description": "地域コード / region code (defaults to the organisation's)"})
    slots = fields.Integer(required=True, validate=validate.Range(min=1, max=1000))

    @post_load
    def to_command(self, data, **_):
        organisation_id = data.pop("organisation_id", None)
        return PostNeed(need_id=str(data.pop("request_id")),
                        organisation_id=str(organisation_id) if organisation_id else None, **data)


class NeedSchema(Schema):
    id = fields.String()
    organisation_id = fields.String()
    title = fields.String()
    description = fields.String()
    kind = fields.String(validate=validate.OneOf(NEED_KINDS))
    region = fields.String()
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    slots = fields.Integer()
    status = fields.String()
    posted_at = fields.AwareDateTime()


class NeedQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    organisation_id = fields.String(validate=validate.Length(max=36))
    region = fields.String(validate=validate.Length(max=50))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_filter(self, data, **_):
        return NeedFilter(after=decode_cursor(data.pop("cursor", None)), **data)


class NeedPageSchema(Schema):
    items = fields.List(fields.Nested(NeedSchema))
    next_cursor = fields.String(allow_none=True)
