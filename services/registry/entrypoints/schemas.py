"""Registry's request and response contracts; the gateway validates and documents with these."""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.common.pagination import decode_cursor

from services.registry.app.organisations import OrganisationFilter, RegisterOrganisation
from services.registry.domain.organisation import KINDS, STATUSES


class RegisterOrganisationSchema(Schema):
    class Meta:
        unknown = RAISE

    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=200),
                         metadata={"description": "団体名 / name", "example": "由宇防災ボランティアの会"})
    name_kana = fields.String(required=True, validate=validate.Length(min=1, max=200),
                              metadata={"description": "フリガナ / reading in kana",
                                        "example": "ユウボウサイボランティアノカイ"})
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    region = fields.String(required=True, validate=validate.Length(min=1, max=50),
                           metadata={"description": "地域コード / region code", "example": "yu"})
    fields_ = fields.List(fields.String(validate=validate.Length(max=50)), data_key="fields",
                          required=True, validate=validate.Length(min=1, max=20),
                          metadata={"description": "活動分野 / fields of activity"})
    description = fields.String(load_default="", validate=validate.Length(max=4000))

    @post_load
    def to_command(self, data, **_):
        return RegisterOrganisation(
            organisation_id=str(data.pop("request_id")), fields=data.pop("fields_"), **data)


class OrganisationSchema(Schema):
    id = fields.String()
    name = fields.String()
    name_kana = fields.String()
    kind = fields.String(validate=validate.OneOf(KINDS))
    region = fields.String()
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    description = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))
    registered_at = fields.AwareDateTime()


class OrganisationQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    region = fields.String(validate=validate.Length(max=50))
    kind = fields.String(validate=validate.OneOf(KINDS))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_filter(self, data, **_):
        return OrganisationFilter(after=decode_cursor(data.pop("cursor", None)), **data)


class OrganisationIdSchema(Schema):
    class Meta:
        unknown = RAISE

    organisation_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class OrganisationPageSchema(Schema):
    items = fields.List(fields.Nested(OrganisationSchema))
    next_cursor = fields.String(allow_none=True)
