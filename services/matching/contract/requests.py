"""Matching's requests: one schema per RPC, its path, query and body fields together.

The gateway validates with these and the service loads with them; `entrypoints/commands.py`
turns what they load into the use cases' commands. Ids load as strings.
"""
from marshmallow import ValidationError, fields, validate, validates_schema

from services.common.contract_schema import StrictSchema, UuidString
from services.matching.contract.vocabulary import (AGE_BANDS, NEED_END_CHOICES, MATCH_STATUSES, MAX_HOURS_PER_MATCH, MAX_SKILL_LEVEL,
                                                   MIN_SKILL_LEVEL, NEED_KINDS, OFFER_KINDS, OFFER_STATUSES,
                                                   INVITATION_STATUSES, SKILLS, TALENT_ORIGINS, TIME_BANDS,
                                                   VALUE_BASES)

_BAND = validate.OneOf(TIME_BANDS)
_FIELD_OPTIONS = ("load_default", "data_key", "required", "allow_none")


def _split(options: dict) -> tuple[dict, dict]:
    field_options = {k: v for k, v in options.items() if k in _FIELD_OPTIONS}
    return field_options, {k: v for k, v in options.items() if k not in _FIELD_OPTIONS}


UNKNOWN_SKILL = "スキルの一覧にないコードです / not in the skill taxonomy; one of: {choices}"


def _skill_levels(**options) -> fields.Dict:
    """{skill code from the taxonomy: level 1–5}; `description`/`example` go to the OpenAPI
    metadata."""
    field_options, metadata = _split(options)
    return fields.Dict(keys=fields.String(validate=validate.OneOf(SKILLS, error=UNKNOWN_SKILL)),
                       values=fields.Integer(validate=validate.Range(MIN_SKILL_LEVEL, MAX_SKILL_LEVEL)),
                       validate=validate.Length(max=30), metadata=metadata, **field_options)


def _codes(**options) -> fields.List:
    field_options, metadata = _split(options)
    return fields.List(fields.String(validate=validate.Length(min=1, max=50)),
                       validate=validate.Length(max=30), metadata=metadata, **field_options)


# Needs

class OneOffSchema(StrictSchema):
    on = fields.Date(required=True, metadata={"example": "2026-12-06"})
    band = fields.String(required=True, validate=_BAND, metadata={"example": "morning"})
    hours = fields.Float(required=True, validate=validate.Range(min=0.25, max=24))


class WeeklySchema(StrictSchema):
    weekday = fields.Integer(required=True, validate=validate.Range(0, 6),
                             metadata={"description": "0=月曜 … 6=日曜 / 0=Monday … 6=Sunday"})
    band = fields.String(required=True, validate=_BAND)
    hours = fields.Float(required=True, validate=validate.Range(min=0.25, max=24))
    starts = fields.Date(required=True)
    ends = fields.Date(required=True)

    @validates_schema
    def _ordered(self, data, **_):
        if data["starts"] > data["ends"]:
            raise ValidationError("終了日は開始日以降にしてください / ends must not be before starts", "ends")


class ScheduleSchema(StrictSchema):
    dates = fields.List(fields.Nested(OneOffSchema), load_default=list, validate=validate.Length(max=60),
                        metadata={"description": "単発の日時 / one-off dates"})
    weekly = fields.Nested(WeeklySchema, allow_none=True, load_default=None,
                           metadata={"description": "毎週の繰り返し（終了日まで） / weekly recurrence with an end"})


class PostNeedRequest(StrictSchema):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    organisation_id = UuidString(metadata={
        "description": "募集する団体 / the organisation (defaults to the caller's own)"})
    title = fields.String(required=True, validate=validate.Length(min=1, max=200),
                          metadata={"example": "防災訓練の受付ボランティア募集"})
    description = fields.String(load_default="", validate=validate.Length(max=4000))
    kind = fields.String(required=True, validate=validate.OneOf(NEED_KINDS))
    region = fields.String(validate=validate.Length(min=1, max=50), metadata={
        "description": "地域コード / region code (defaults to the organisation's)"})
    slots = fields.Integer(required=True, validate=validate.Range(min=1, max=1000))
    fields_ = _codes(data_key="fields", description="活動分野（既定は団体の分野） / fields (default: the organisation's)")
    required_skills = _skill_levels(load_default=dict, description="必須スキルとレベル(1-5) / required skills with levels",
                                    example={"first_aid": 2})
    preferred_skills = _skill_levels(load_default=dict, description="あると良いスキル / preferred skills")
    online = fields.Boolean(load_default=False, metadata={"description": "オンライン参加可 / can be done online"})
    schedule = fields.Nested(ScheduleSchema, load_default=None,
                             metadata={"description": "日程（省略時は日時指定なし） / schedule (none: flexible)"})
    youth_friendly = fields.Boolean(load_default=False, metadata={"description": "若者歓迎 / youth-friendly"})
    first_step = fields.Boolean(load_default=False, metadata={"description": "初めての方向け / an easy first step"})
    effort_hours = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=500), metadata={
        "description": "日時指定のない作業の月あたり時間 / monthly hours of a flexible task"})


class ListNeedsRequest(StrictSchema):
    organisation_id = fields.String(validate=validate.Length(max=36))
    region = fields.String(validate=validate.Length(max=50))
    status = fields.String(validate=validate.Length(max=20))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class GetNeedRequest(StrictSchema):
    need_id = UuidString(required=True)


class EndNeedRequest(StrictSchema):
    need_id = UuidString(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(NEED_END_CHOICES), metadata={
        "description": "closed: 募集を締め切る / no more recruits; cancelled: 中止 / it will not happen",
        "example": "closed"})


class _RankedRequest(StrictSchema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class CandidatesRequest(_RankedRequest):
    need_id = UuidString(required=True)


class OpportunitiesRequest(_RankedRequest):
    talent_id = UuidString(required=True)


class ExposureReportRequest(StrictSchema):
    days = fields.Integer(load_default=30, validate=validate.Range(min=1, max=366))


# Talents

class WeeklySlotSchema(StrictSchema):
    weekday = fields.Integer(required=True, validate=validate.Range(0, 6),
                             metadata={"description": "0=月曜 … 6=日曜 / 0=Monday … 6=Sunday"})
    band = fields.String(required=True, validate=_BAND, metadata={"example": "morning"})


class DateRangeSchema(StrictSchema):
    start = fields.Date(required=True)
    end = fields.Date(required=True)

    @validates_schema
    def _ordered(self, data, **_):
        if data["start"] > data["end"]:
            raise ValidationError("終了日は開始日以降にしてください / end must not be before start", "end")


class ContactSchema(StrictSchema):
    email = fields.Email(allow_none=True, load_default=None, validate=validate.Length(max=254))
    phone = fields.String(allow_none=True, load_default=None,
                          validate=validate.Regexp(r"^[0-9+\-() ]{5,30}$", error="電話番号の形式が不正です / invalid phone number"))


class _ProfileFields(StrictSchema):
    age_band = fields.String(validate=validate.OneOf(AGE_BANDS), metadata={
        "description": "年代（生年月日は不要） / age band, never a birth date", "example": "20代"})
    skills = _skill_levels(description="スキルとレベル(1-5) / skills with levels", example={"first_aid": 3})
    interests = _codes(description="関心のある活動分野 / fields of interest", example=["disaster_prevention"])
    regions = _codes(description="参加できる地域 / regions they can reach", example=["iwakuni", "yu"])
    home_region = fields.String(allow_none=True, validate=validate.Length(min=1, max=50))
    online = fields.Boolean(metadata={"description": "オンライン参加可 / can join online"})
    weekly_availability = fields.List(fields.Nested(WeeklySlotSchema), validate=validate.Length(max=21))
    available_dates = fields.List(fields.Nested(DateRangeSchema), validate=validate.Length(max=20), metadata={
        "description": "参加できる期間（空なら制限なし） / date ranges (empty: no limit)"})
    languages = _codes(example=["ja", "en"])
    first_timer = fields.Boolean(metadata={"description": "初めて参加 / first-timer"})
    max_hours_per_month = fields.Float(validate=validate.Range(min=0.5, max=300))
    contact = fields.Nested(ContactSchema, metadata={
        "description": "連絡先（確定したマッチの団体にのみ開示） / contact, released only on a confirmed match"})


class CreateTalentRequest(_ProfileFields):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    talent_id = UuidString(metadata={
        "description": "運営者が登録する場合のID（本人はキーのIDを使う） / for operators; a citizen's id is their key's"})
    origin = fields.String(load_default="citizen", validate=validate.OneOf(TALENT_ORIGINS))
    offer_id = UuidString(allow_none=True, load_default=None, metadata={
        "description": "企業のCSR提供による人材の場合 / the CSR offer that provides this staff member"})

    def __init__(self, *args, **kwargs):
        # A new profile needs what an update may leave out.
        super().__init__(*args, **kwargs)
        for name in ("age_band", "max_hours_per_month"):
            self.fields[name].required = True
        defaults = {"skills": dict, "interests": list, "regions": list, "home_region": None,
                    "online": False, "weekly_availability": list, "available_dates": list,
                    "languages": lambda: ["ja"], "first_timer": False, "contact": dict}
        for name, default in defaults.items():
            self.fields[name].load_default = default


class UpdateTalentRequest(_ProfileFields):
    """Only the fields given change."""
    talent_id = UuidString(required=True)


class GetTalentRequest(StrictSchema):
    talent_id = UuidString(required=True)


class ListTalentsRequest(StrictSchema):
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


# Staff invitations

class InviteStaffRequest(StrictSchema):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    offer_id = UuidString(required=True, metadata={
        "description": "自社の人材・専門知識のCSR提供 / your staff-time or expertise offer"})
    person_id = UuidString(required=True, metadata={
        "description": "招待する本人（市民キーの subject） / the person invited (their citizen key's subject)"})


class InvitationIdRequest(StrictSchema):
    invitation_id = UuidString(required=True)


class ListInvitationsRequest(StrictSchema):
    status = fields.String(validate=validate.OneOf(INVITATION_STATUSES))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


# Matches

class ProposeMatchRequest(StrictSchema):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    need_id = UuidString(required=True)
    talent_id = UuidString(metadata={
        "description": "招待する人（団体・運営者）。本人の応募では省略 / the talent invited; omitted when a citizen applies"})


class MatchIdRequest(StrictSchema):
    """Every RPC on one match that takes nothing else (get, accept, decline, confirm, …)."""
    match_id = UuidString(required=True)


class ListMatchesRequest(StrictSchema):
    need_id = fields.String(validate=validate.Length(max=36))
    talent_id = fields.String(validate=validate.Length(max=36))
    organisation_id = fields.String(validate=validate.Length(max=36))
    status = fields.String(validate=validate.OneOf(MATCH_STATUSES))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class LogHoursRequest(MatchIdRequest):
    hours = fields.Float(required=True, validate=validate.Range(min=0.25, max=MAX_HOURS_PER_MATCH),
                         metadata={"description": "活動時間 / hours given", "example": 3})


class ApproveHoursRequest(MatchIdRequest):
    people_reached = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000), metadata={
        "description": "活動が届いた人数（団体が数えた人数、任意） / people the activity reached, optional",
        "example": 40})


class GiveFeedbackRequest(MatchIdRequest):
    rating = fields.Integer(required=True, validate=validate.Range(1, 5))
    comment = fields.String(load_default="", validate=validate.Length(max=2000))


class SendMessageRequest(MatchIdRequest):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    body = fields.String(required=True, validate=validate.Length(min=1, max=2000), metadata={
        "description": "本文（確定前は連絡先を書かずにやり取りできます） / text, relayed without revealing contacts",
        "example": "当日の集合場所を教えてください。"})


class ExpireMatchesRequest(StrictSchema):
    older_than_days = fields.Integer(load_default=14, validate=validate.Range(min=0, max=365))


class AssignRequest(StrictSchema):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    need_ids = fields.List(UuidString(), validate=validate.Length(max=5000), metadata={
        "description": "対象の募集（省略時はすべての受付中の募集） / needs to fill (default: every open need)"})
    max_needs_per_talent = fields.Integer(load_default=1, validate=validate.Range(1, 10))
    preview = fields.Boolean(load_default=False, metadata={
        "description": "true: 提案せずに割り当て案と digest だけを返す / answer what would be proposed, "
                       "change nothing"})
    expected_digest = fields.String(validate=validate.Regexp(r"^[0-9a-f]{64}$"), metadata={
        "description": "確認した案の digest。案が変わっていれば 409 / the previewed digest: 409 if the "
                       "assignment would now differ"})


# CSR offers

class _OfferFields(StrictSchema):
    title = fields.String(validate=validate.Length(min=1, max=200), metadata={"example": "社員による清掃ボランティア"})
    description = fields.String(validate=validate.Length(max=4000))
    skills = _skill_levels(description="提供する人材のスキル（人材・専門知識のみ） / staff skills (staff_time, expertise)")
    fields_ = _codes(data_key="fields", description="活動分野 / fields of activity")
    quantity = fields.Float(validate=validate.Range(min=0.01, max=1e9), metadata={
        "description": "数量・規模（人数、時間、金額、個数、定員） / quantity or capacity"})
    unit = fields.String(validate=validate.Length(min=1, max=30), metadata={"example": "人"})
    regions = _codes(description="提供できる地域 / regions served", example=["iwakuni"])
    online = fields.Boolean()
    starts = fields.Date()
    ends = fields.Date()

    @validates_schema
    def _ordered(self, data, **_):
        if data.get("starts") and data.get("ends") and data["starts"] > data["ends"]:
            raise ValidationError("終了日は開始日以降にしてください / ends must not be before starts", "ends")


class PostOfferRequest(_OfferFields):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    organisation_id = UuidString(metadata={"description": "運営者が代理登録する場合 / for operators"})
    kind = fields.String(required=True, validate=validate.OneOf(OFFER_KINDS))

    def __init__(self, *args, **kwargs):
        # A new offer needs what an update may leave out.
        super().__init__(*args, **kwargs)
        for name in ("title", "quantity", "unit", "starts", "ends"):
            self.fields[name].required = True
        for name, default in {"description": "", "skills": dict, "fields_": list, "regions": list,
                              "online": False}.items():
            self.fields[name].load_default = default


class UpdateOfferRequest(_OfferFields):
    status = fields.String(validate=validate.OneOf(OFFER_STATUSES))
    offer_id = UuidString(required=True)


class FulfilOfferRequest(StrictSchema):
    offer_id = UuidString(required=True)
    quantity = fields.Float(required=True, validate=validate.Range(min=0.01, max=1e9), metadata={
        "description": "提供した数量（提供の数量以下、単位は提供と同じ） / quantity given, at most the quantity "
                       "offered, in the offer's unit", "example": 120})
    value_yen = fields.Integer(required=True, validate=validate.Range(min=0, max=10**12), metadata={
        "description": "価値（円） / value in yen", "example": 36000})
    value_basis = fields.String(required=True, validate=validate.OneOf(VALUE_BASES), metadata={
        "description": "価値の根拠：寄付金は amount_given、物品・人材・会場などは market_price（時価）・cost（原価）・"
                       "hourly_rate（時給換算）・venue_fee（会場使用料） / the value's basis: amount_given for money "
                       "only; in-kind gifts state theirs", "example": "market_price"})
    need_id = UuidString(metadata={"description": "応えた募集（団体と地域がわかる） / the need the gift answered"})
    people_reached = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000), metadata={
        "description": "届いた人数 / people reached", "example": 120})
    fulfilled_on = fields.Date(metadata={"description": "提供した日（省略時は今日） / the day given (default today)"})


class GetOfferRequest(StrictSchema):
    offer_id = UuidString(required=True)


class ListOffersRequest(StrictSchema):
    organisation_id = fields.String(validate=validate.Length(max=36))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class NeedsForOfferRequest(StrictSchema):
    offer_id = UuidString(required=True)
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class OffersForNeedRequest(StrictSchema):
    need_id = UuidString(required=True)
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
