"""Registry's request and response contracts; the gateway validates and documents with these.

Routes with a path parameter validate the body with a `…BodySchema` and the path with a query
schema at the gateway; the service loads the merged request with the `…RequestSchema` (both).
"""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.common.pagination import decode_cursor
from services.registry.app.organisations import (OrganisationFilter, RegisterOrganisation,
                                                 ReviewOrganisation, UpdateOrganisation)
from services.registry.domain.organisation import (CONTACT_CHANNELS, KINDS, LEGAL_FORMS, STATUSES,
                                                   VISIBILITIES)

_PROFILE = ("town", "founded_year", "member_count", "members_in_city", "contacts", "legal_form",
            "social_business", "business_activity")


class ContactSchema(Schema):
    class Meta:
        unknown = RAISE

    channel = fields.String(required=True, validate=validate.OneOf(CONTACT_CHANNELS),
                            metadata={"description": "連絡手段 / channel", "example": "email"})
    value = fields.String(required=True, validate=validate.Length(min=1, max=500),
                          metadata={"description": "連絡先 / address, number or URL",
                                    "example": "info@example.jp"})
    visibility = fields.String(load_default="public", validate=validate.OneOf(VISIBILITIES),
                               metadata={"description": "公開範囲 / public, members (会員のみ) "
                                                        "or operators (運営者のみ)"})
    label = fields.String(load_default="", validate=validate.Length(max=100),
                          metadata={"description": "表示名 / label", "example": "事務局"})


class _OrganisationFields(Schema):
    """The fields a client writes; required-ness is set by the subclasses."""
    class Meta:
        unknown = RAISE

    name = fields.String(validate=validate.Length(min=1, max=200),
                         metadata={"description": "団体名 / name", "example": "由宇防災ボランティアの会"})
    name_kana = fields.String(validate=validate.Length(min=1, max=200),
                              metadata={"description": "フリガナ / reading in kana",
                                        "example": "ユウボウサイボランティアノカイ"})
    kind = fields.String(validate=validate.OneOf(KINDS),
                         metadata={"description": "種別 / kind of organisation"})
    region = fields.String(validate=validate.Length(min=1, max=50),
                           metadata={"description": "地域コード / region code", "example": "yu"})
    fields_ = fields.List(fields.String(validate=validate.Length(max=50)), data_key="fields",
                          validate=validate.Length(min=1, max=20),
                          metadata={"description": "活動分野 / fields of activity"})
    description = fields.String(validate=validate.Length(max=4000),
                                metadata={"description": "活動内容 / description"})
    town = fields.String(validate=validate.Length(max=100),
                         metadata={"description": "町名 / town", "example": "由宇町神東"})
    founded_year = fields.Integer(allow_none=True, validate=validate.Range(min=1868, max=2100),
                                  metadata={"description": "設立年 / year founded"})
    member_count = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10_000_000),
                                  metadata={"description": "会員数 / members"})
    members_in_city = fields.Integer(allow_none=True,
                                     validate=validate.Range(min=0, max=10_000_000),
                                     metadata={"description": "うち市内在住 / members living in "
                                                              "the city"})
    contacts = fields.List(fields.Nested(ContactSchema), validate=validate.Length(max=20),
                           metadata={"description": "連絡先（公開範囲つき）/ contact channels, "
                                                    "each with its visibility"})
    legal_form = fields.String(validate=validate.OneOf(LEGAL_FORMS),
                               metadata={"description": "法人格 / legal form"})
    social_business = fields.Boolean(metadata={"description": "ソーシャル・コミュニティビジネス "
                                                              "/ runs a social business"})
    business_activity = fields.String(validate=validate.Length(max=2000),
                                      metadata={"description": "事業内容 / business activity"})


class RegisterOrganisationSchema(_OrganisationFields):
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
        profile = {name: data.pop(name) for name in _PROFILE if name in data}
        return RegisterOrganisation(
            organisation_id=str(data.pop("request_id")), fields=data.pop("fields_"),
            profile=profile, **data)


class UpdateOrganisationBodySchema(_OrganisationFields):
    """Only the fields given change; the kind only by operators."""


class UpdateOrganisationRequestSchema(UpdateOrganisationBodySchema):
    organisation_id = fields.String(required=True, validate=validate.Length(min=1, max=36))

    @post_load
    def to_command(self, data, **_):
        organisation_id = data.pop("organisation_id")
        if "fields_" in data:
            data["fields"] = data.pop("fields_")
        return UpdateOrganisation(organisation_id=organisation_id, changes=data)


class OrganisationIdSchema(Schema):
    class Meta:
        unknown = RAISE

    organisation_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class ReviewRequestSchema(OrganisationIdSchema):
    @post_load
    def to_command(self, data, **_):
        return ReviewOrganisation(**data)


class RejectBodySchema(Schema):
    class Meta:
        unknown = RAISE

    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000),
                           metadata={"description": "却下の理由（団体と運営者のみ閲覧）/ reason, "
                                                    "shown to the organisation and operators only"})


class RejectRequestSchema(RejectBodySchema):
    organisation_id = fields.String(required=True, validate=validate.Length(min=1, max=36))

    @post_load
    def to_command(self, data, **_):
        return ReviewOrganisation(**data)


class OrganisationSchema(Schema):
    id = fields.String()
    name = fields.String()
    name_kana = fields.String()
    kind = fields.String(validate=validate.OneOf(KINDS))
    region = fields.String()
    town = fields.String()
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    description = fields.String()
    founded_year = fields.Integer(allow_none=True)
    member_count = fields.Integer(allow_none=True)
    members_in_city = fields.Integer(allow_none=True)
    contacts = fields.List(fields.Nested(ContactSchema),
                           metadata={"description": "見る人に公開されている連絡先だけ / only the "
                                                    "contacts the caller may see"})
    legal_form = fields.String()
    social_business = fields.Boolean()
    business_activity = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))
    status_reason = fields.String(metadata={"description": "審査の理由（団体と運営者のみ）/ review "
                                                           "reason (organisation and operators)"})
    registered_by = fields.String(metadata={"description": "運営者のみ / operators only"})
    registered_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime(allow_none=True)


class OrganisationQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    q = fields.String(validate=validate.Length(max=200),
                      metadata={"description": "検索語（団体名・フリガナ・活動内容、ひらがな・カタカナ"
                                               "・半角・全角どれでも）/ search words", "example": "ぼうさい"})
    region = fields.String(validate=validate.Length(max=50))
    kind = fields.String(validate=validate.OneOf(KINDS))
    field = fields.String(validate=validate.Length(max=50),
                          metadata={"description": "活動分野コード / field of activity"})
    verified = fields.Boolean(metadata={"description": "審査済みのみ / verified only (operators "
                                                       "may ask for false)"})
    status = fields.String(validate=validate.OneOf(STATUSES),
                           metadata={"description": "運営者のみ意味を持つ / operators only"})
    cursor = fields.String(validate=validate.Length(max=1000))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_filter(self, data, **_):
        return OrganisationFilter(after=decode_cursor(data.pop("cursor", None)), **data)


class OrganisationPageSchema(Schema):
    items = fields.List(fields.Nested(OrganisationSchema))
    next_cursor = fields.String(allow_none=True)
