"""Matching's request and response contracts for needs; the gateway validates and documents with these."""
from dataclasses import asdict

from marshmallow import RAISE, Schema, fields, post_load, validate, validates_schema, ValidationError

from services.common.city_profile_file import region_names
from services.common.pagination import decode_cursor
from services.matching.app.needs import NeedFilter, PostNeed
from services.matching.domain.need import NEED_KINDS
from services.matching.domain.need_schedule import NeedSchedule, OneOff, Weekly
from services.matching.entrypoints.schema_fields import BAND, Strict, codes, skill_levels


class OneOffSchema(Strict):
    on = fields.Date(required=True, metadata={"example": "2026-12-06"})
    band = fields.String(required=True, validate=BAND, metadata={"example": "morning"})
    hours = fields.Float(required=True, validate=validate.Range(min=0.25, max=24))


class WeeklySchema(Strict):
    weekday = fields.Integer(required=True, validate=validate.Range(0, 6),
                             metadata={"description": "0=月曜 … 6=日曜 / 0=Monday … 6=Sunday"})
    band = fields.String(required=True, validate=BAND)
    hours = fields.Float(required=True, validate=validate.Range(min=0.25, max=24))
    starts = fields.Date(required=True)
    ends = fields.Date(required=True)

    @validates_schema
    def _ordered(self, data, **_):
        if data["starts"] > data["ends"]:
            raise ValidationError("終了日は開始日以降にしてください / ends must not be before starts", "ends")


class ScheduleSchema(Strict):
    dates = fields.List(fields.Nested(OneOffSchema), load_default=list, validate=validate.Length(max=60),
                        metadata={"description": "単発の日時 / one-off dates"})
    weekly = fields.Nested(WeeklySchema, allow_none=True, load_default=None,
                           metadata={"description": "毎週の繰り返し（終了日まで） / weekly recurrence with an end"})

    @post_load
    def to_schedule(self, data, **_):
        weekly = data.get("weekly")
        return NeedSchedule(dates=tuple(OneOff(**d) for d in data["dates"]),
                            weekly=Weekly(**weekly) if weekly else None)


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
    fields_ = codes(data_key="fields", description="活動分野（既定は団体の分野） / fields (default: the organisation's)")
    required_skills = skill_levels(load_default=dict, description="必須スキルとレベル(1-5) / required skills with levels",
                                   example={"first_aid": 2})
    preferred_skills = skill_levels(load_default=dict, description="あると良いスキル / preferred skills")
    online = fields.Boolean(load_default=False, metadata={"description": "オンライン参加可 / can be done online"})
    schedule = fields.Nested(ScheduleSchema, load_default=None,
                             metadata={"description": "日程（省略時は日時指定なし） / schedule (none: flexible)"})
    youth_friendly = fields.Boolean(load_default=False, metadata={"description": "若者歓迎 / youth-friendly"})
    first_step = fields.Boolean(load_default=False, metadata={"description": "初めての方向け / an easy first step"})
    effort_hours = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=500), metadata={
        "description": "日時指定のない作業の月あたり時間 / monthly hours of a flexible task"})

    @post_load
    def to_command(self, data, **_):
        organisation_id = data.pop("organisation_id", None)
        data["fields"] = data.pop("fields_", None)
        data["schedule"] = data.get("schedule") or NeedSchedule()
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
    filled = fields.Integer(metadata={"description": "埋まった枠 / slots taken"})
    status = fields.String()
    posted_at = fields.AwareDateTime()
    required_skills = fields.Dict(keys=fields.String(), values=fields.Integer())
    preferred_skills = fields.Dict(keys=fields.String(), values=fields.Integer())
    online = fields.Boolean()
    schedule = fields.Function(lambda n: n.schedule.as_dict())
    youth_friendly = fields.Boolean()
    first_step = fields.Boolean()
    effort_hours = fields.Float()


class NeedQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    organisation_id = fields.String(validate=validate.Length(max=36))
    region = fields.String(validate=validate.Length(max=50))
    status = fields.String(validate=validate.Length(max=20))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_filter(self, data, **_):
        return NeedFilter(after=decode_cursor(data.pop("cursor", None)), **data)


class NeedPageSchema(Schema):
    items = fields.List(fields.Nested(NeedSchema))
    next_cursor = fields.String(allow_none=True)


class NeedIdSchema(Strict):
    need_id = fields.UUID(required=True)


class RankedQuerySchema(Strict):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class CandidatesQuerySchema(RankedQuerySchema):
    need_id = fields.UUID(required=True)


class OpportunitiesQuerySchema(RankedQuerySchema):
    talent_id = fields.UUID(required=True)


def _breakdown(match) -> dict:
    return asdict(match.breakdown)


class _Ranked(Schema):
    score = fields.Function(lambda c: round(c.match.score, 6))
    weights_version = fields.Function(lambda c: c.match.weights_version)
    breakdown = fields.Function(lambda c: _breakdown(c.match), metadata={
        "description": "要素ごとの内訳 / per-factor breakdown: skills, interest, region, schedule, capacity, fairness"})
    explanation_ja = fields.Function(lambda c: c.match.explain_ja(region_names()))
    explanation_en = fields.Function(lambda c: c.match.explanation_en)


class CandidateSchema(_Ranked):
    talent_id = fields.Function(lambda c: c.match.talent_id)
    age_band = fields.String()
    home_region = fields.String(allow_none=True)
    first_timer = fields.Boolean()


class CandidateListSchema(Schema):
    items = fields.List(fields.Nested(CandidateSchema))


class OpportunitySchema(_Ranked):
    need = fields.Nested(NeedSchema)


class OpportunityListSchema(Schema):
    items = fields.List(fields.Nested(OpportunitySchema))


class ExposureRowSchema(Schema):
    dimension = fields.String(metadata={"description": "age_band | region"})
    group = fields.String()
    pool = fields.Integer(metadata={"description": "登録者数 / talents in the pool"})
    shown = fields.Integer(metadata={"description": "候補として表示 / shown as candidates"})
    invited = fields.Integer(metadata={"description": "招待された / invited"})
    matched = fields.Integer(metadata={"description": "確定した / confirmed matches"})


class ExposureQuerySchema(Strict):
    days = fields.Integer(load_default=30, validate=validate.Range(min=1, max=366))


class ExposureReportSchema(Schema):
    since = fields.AwareDateTime()
    weights_version = fields.String()
    rows = fields.List(fields.Nested(ExposureRowSchema))
