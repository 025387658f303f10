"""Consultation contracts (operators only)."""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.common.pagination import decode_cursor
from services.registry.app.consultations import (AddFollowUp, ChangeStatus, ConsultationFilter,
                                                 OpenConsultation, Refer)
from services.registry.domain.consultation import CHANNELS, STATUSES, TOPICS

_ID = dict(required=True, validate=validate.Length(min=1, max=36))


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class OpenConsultationSchema(_Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS), metadata={
        "description": "受付方法（窓口/電話/メール/オンライン）/ counter, phone, email, online"})
    topics = fields.List(fields.String(validate=validate.OneOf(TOPICS)), required=True,
                         validate=validate.Length(min=1, max=10),
                         metadata={"description": "相談分野 / topics"})
    organisation_id = fields.String(allow_none=True, load_default=None,
                                    validate=validate.Length(max=36),
                                    metadata={"description": "相談した団体（任意）/ organisation"})
    person = fields.String(load_default="", validate=validate.Length(max=200),
                           metadata={"description": "相談者（匿名可）/ person, may be anonymous"})
    notes = fields.String(load_default="", validate=validate.Length(max=8000),
                          metadata={"description": "相談内容 / notes"})
    coordinator = fields.String(load_default="", validate=validate.Length(max=200),
                                metadata={"description": "担当コーディネーター / coordinator"})

    @post_load
    def to_command(self, data, **_):
        return OpenConsultation(consultation_id=str(data.pop("request_id")), **data)


class ConsultationIdSchema(_Strict):
    consultation_id = fields.String(**_ID)


class StatusBodySchema(_Strict):
    status = fields.String(required=True, validate=validate.OneOf(STATUSES), metadata={
        "description": "open → in_progress → referred/resolved → closed"})
    coordinator = fields.String(validate=validate.Length(max=200))


class StatusRequestSchema(StatusBodySchema):
    consultation_id = fields.String(**_ID)

    @post_load
    def to_command(self, data, **_):
        return ChangeStatus(**data)


class FollowUpBodySchema(_Strict):
    note = fields.String(required=True, validate=validate.Length(min=1, max=4000),
                         metadata={"description": "フォローアップの記録 / follow-up note"})


class FollowUpRequestSchema(FollowUpBodySchema):
    consultation_id = fields.String(**_ID)

    @post_load
    def to_command(self, data, **_):
        return AddFollowUp(**data)


class ReferralBodySchema(_Strict):
    organisation_id = fields.String(**_ID, metadata={"description": "紹介先の団体 / referred to"})
    note = fields.String(load_default="", validate=validate.Length(max=4000))


class ReferralRequestSchema(ReferralBodySchema):
    consultation_id = fields.String(**_ID)

    @post_load
    def to_command(self, data, **_):
        return Refer(**data)


class FollowUpSchema(Schema):
    at = fields.AwareDateTime()
    note = fields.String()
    by = fields.String()


class ReferralSchema(Schema):
    organisation_id = fields.String()
    note = fields.String()
    at = fields.AwareDateTime()


class ConsultationSchema(Schema):
    id = fields.String()
    channel = fields.String()
    topics = fields.List(fields.String())
    status = fields.String()
    opened_at = fields.AwareDateTime()
    organisation_id = fields.String(allow_none=True)
    person = fields.String()
    notes = fields.String()
    coordinator = fields.String()
    follow_ups = fields.List(fields.Nested(FollowUpSchema))
    referrals = fields.List(fields.Nested(ReferralSchema))
    updated_at = fields.AwareDateTime(allow_none=True)


class ConsultationQuerySchema(_Strict):
    status = fields.String(validate=validate.OneOf(STATUSES))
    topic = fields.String(validate=validate.OneOf(TOPICS))
    organisation_id = fields.String(validate=validate.Length(max=36))
    coordinator = fields.String(validate=validate.Length(max=200))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_filter(self, data, **_):
        return ConsultationFilter(after=decode_cursor(data.pop("cursor", None)), **data)


class ConsultationPageSchema(Schema):
    items = fields.List(fields.Nested(ConsultationSchema))
    next_cursor = fields.String(allow_none=True)
