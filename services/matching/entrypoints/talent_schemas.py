"""Talent profile contracts: what a person says about themselves, and what they and operators see."""
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from services.common.pagination import decode_cursor
from services.matching.app.talents import TalentListQuery
from services.matching.domain.matching_profiles import AGE_BANDS
from services.matching.domain.talent import TALENT_ORIGINS, Contact
from services.matching.entrypoints.schema_fields import BAND, Strict, codes, skill_levels


class WeeklySlotSchema(Strict):
    weekday = fields.Integer(required=True, validate=validate.Range(0, 6),
                             metadata={"description": "0=月曜 … 6=日曜 / 0=Monday … 6=Sunday"})
    band = fields.String(required=True, validate=BAND, metadata={"example": "morning"})


class DateRangeSchema(Strict):
    start = fields.Date(required=True)
    end = fields.Date(required=True)

    @validates_schema
    def _ordered(self, data, **_):
        if data["start"] > data["end"]:
            raise ValidationError("終了日は開始日以降にしてください / end must not be before start", "end")


class ContactSchema(Strict):
    email = fields.Email(allow_none=True, load_default=None, validate=validate.Length(max=254))
    phone = fields.String(allow_none=True, load_default=None,
                          validate=validate.Regexp(r"^[0-9+\-() ]{5,30}$", error="電話番号の形式が不正です / invalid phone number"))

    @post_load
    def to_contact(self, data, **_):
        return Contact(**data)


class _ProfileFields(Strict):
    age_band = fields.String(validate=validate.OneOf(AGE_BANDS), metadata={
        "description": "年代（生年月日は不要） / age band, never a birth date", "example": "20代"})
    skills = skill_levels(description="スキルとレベル(1-5) / skills with levels", example={"first_aid": 3})
    interests = codes(description="関心のある活動分野 / fields of interest", example=["disaster_prevention"])
    regions = codes(description="参加できる地域 / regions they can reach", example=["iwakuni", "yu"])
    home_region = fields.String(allow_none=True, validate=validate.Length(min=1, max=50))
    online = fields.Boolean(metadata={"description": "オンライン参加可 / can join online"})
    weekly_availability = fields.List(fields.Nested(WeeklySlotSchema), validate=validate.Length(max=21))
    available_dates = fields.List(fields.Nested(DateRangeSchema), validate=validate.Length(max=20), metadata={
        "description": "参加できる期間（空なら制限なし） / date ranges (empty: no limit)"})
    languages = codes(example=["ja", "en"])
    first_timer = fields.Boolean(metadata={"description": "初めて参加 / first-timer"})
    max_hours_per_month = fields.Float(validate=validate.Range(min=0.5, max=300))
    contact = fields.Nested(ContactSchema, metadata={
        "description": "連絡先（確定したマッチの団体にのみ開示） / contact, released only on a confirmed match"})


class CreateTalentSchema(_ProfileFields):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    talent_id = fields.UUID(metadata={
        "description": "運営者が登録する場合のID（本人はキーのIDを使う） / for operators; a citizen's id is their key's"})
    origin = fields.String(load_default="citizen", validate=validate.OneOf(TALENT_ORIGINS))
    offer_id = fields.UUID(allow_none=True, load_default=None, metadata={
        "description": "企業のCSR提供による人材の場合 / the CSR offer that provides this staff member"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("age_band", "max_hours_per_month"):
            self.fields[name].required = True
        defaults = {"skills": dict, "interests": list, "regions": list, "home_region": None,
                    "online": False, "weekly_availability": list, "available_dates": list,
                    "languages": lambda: ["ja"], "first_timer": False, "contact": Contact}
        for name, default in defaults.items():
            self.fields[name].load_default = default

    @post_load
    def to_request(self, data, **_):
        return {"request_id": str(data.pop("request_id")),
                "talent_id": str(data.pop("talent_id")) if data.get("talent_id") else None,
                "profile": _profile(data)}


class UpdateTalentSchema(_ProfileFields):
    """Only the fields given change."""


class UpdateTalentRequestSchema(UpdateTalentSchema):
    talent_id = fields.UUID(required=True)

    @post_load
    def to_request(self, data, **_):
        return {"talent_id": str(data.pop("talent_id")), "changes": _profile(data)}


def _profile(data: dict) -> dict:
    if "weekly_availability" in data:
        data["weekly_availability"] = [(s["weekday"], s["band"]) for s in data["weekly_availability"]]
    if "available_dates" in data:
        data["available_dates"] = [(r["start"], r["end"]) for r in data["available_dates"]]
    if data.get("offer_id"):
        data["offer_id"] = str(data["offer_id"])
    return data


class TalentIdSchema(Strict):
    talent_id = fields.UUID(required=True)


class TalentSchema(Schema):
    id = fields.String()
    age_band = fields.String()
    skills = fields.Dict(keys=fields.String(), values=fields.Integer())
    interests = fields.List(fields.String())
    regions = fields.List(fields.String())
    home_region = fields.String(allow_none=True)
    online = fields.Boolean()
    weekly_availability = fields.Function(lambda t: [{"weekday": d, "band": b} for d, b in t.weekly_availability])
    available_dates = fields.Function(lambda t: [{"start": s.isoformat(), "end": e.isoformat()}
                                                 for s, e in t.available_dates])
    languages = fields.List(fields.String())
    first_timer = fields.Boolean()
    max_hours_per_month = fields.Float()
    origin = fields.String()
    offer_id = fields.String(allow_none=True)
    contact = fields.Function(lambda t: {"email": t.contact.email, "phone": t.contact.phone})
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class TalentListQuerySchema(Strict):
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_query(self, data, **_):
        return TalentListQuery(after=decode_cursor(data.get("cursor")), limit=data["limit"])


class TalentPageSchema(Schema):
    items = fields.List(fields.Nested(TalentSchema))
    next_cursor = fields.String(allow_none=True)
