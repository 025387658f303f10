"""Requests about workshops, courses, talks and exchange meetings: one schema per RPC, path,
query and body fields together (kept apart from requests.py, which is about needs and matches)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from services.common.contract_schema import StrictSchema, UuidString
from services.matching.contract.vocabulary import (AGE_BANDS, GATHERING_KINDS, MAX_OCCURRENCES,
                                                   MAX_SEATS_PER_SIGN_UP)

_CODES = fields.List(fields.String(validate=validate.Length(min=1, max=50)), load_default=list,
                     validate=validate.Length(max=30))


class CreateGatheringRequest(StrictSchema):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    organiser_id = UuidString(metadata={
        "description": "主催団体（既定は呼び出した団体） / the organising organisation (defaults to the caller's)"})
    title = fields.String(required=True, validate=validate.Length(min=1, max=200),
                          metadata={"example": "はじめての防災ワークショップ"})
    description = fields.String(load_default="", validate=validate.Length(max=4000))
    kind = fields.String(required=True, validate=validate.OneOf(GATHERING_KINDS))
    starts_at = fields.AwareDateTime(required=True, metadata={"example": "2027-02-06T10:00:00+09:00"})
    ends_at = fields.AwareDateTime(required=True, metadata={"example": "2027-02-06T12:00:00+09:00"})
    weekly_until = fields.Date(load_default=None, allow_none=True, metadata={
        "description": f"毎週繰り返す場合の最終日（{MAX_OCCURRENCES}回まで） / a weekly series up to this day"})
    booking_ids = fields.List(UuidString(), load_default=list, validate=validate.Length(max=MAX_OCCURRENCES),
                              metadata={"description": "registryで予約した部屋（開催回ごとに1件） / registry room "
                                                       "bookings, one per occurrence, made first through "
                                                       "POST /api/v1/bookings"})
    online_url = fields.Url(load_default=None, allow_none=True, schemes={"https"}, validate=validate.Length(max=500),
                            metadata={"description": "オンライン開催のリンク（参加者にのみ公開） / online link, "
                                                     "released to participants only"})
    capacity = fields.Integer(required=True, validate=validate.Range(min=1, max=10000))
    target_age_bands = fields.List(fields.String(validate=validate.OneOf(AGE_BANDS)), load_default=list)
    target_regions = _CODES
    target_fields = _CODES
    fee_yen = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000),
                             metadata={"description": "参加費（円、0は無料） / fee in yen, 0 for free"})
    signup_opens = fields.AwareDateTime(load_default=None, allow_none=True)
    signup_closes = fields.AwareDateTime(load_default=None, allow_none=True)

    @validates_schema
    def _one_place(self, data, **_):
        if bool(data.get("booking_ids")) == bool(data.get("online_url")):
            raise ValidationError("会場の予約かオンラインのリンクのどちらか一方を指定してください / "
                                  "give either booking_ids or online_url", "booking_ids")


class GatheringIdRequest(StrictSchema):
    gathering_id = UuidString(required=True)


class ListGatheringsRequest(StrictSchema):
    organiser_id = UuidString()
    region = fields.String(validate=validate.Length(max=50))
    kind = fields.String(validate=validate.OneOf(GATHERING_KINDS))
    starting_after = fields.AwareDateTime()
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class SignUpRequest(GatheringIdRequest):
    request_id = UuidString(load_only=True, metadata={"description": "set by the gateway"})
    seats = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_SEATS_PER_SIGN_UP),
                           metadata={"description": "団体が会員の分をまとめて申し込む席数 / seats an "
                                                    "organisation takes for its members (citizens: 1)"})


class SignUpIdRequest(StrictSchema):
    sign_up_id = UuidString(required=True)


class RecordAttendanceRequest(GatheringIdRequest):
    attended = fields.List(UuidString(), required=True, validate=validate.Length(max=10000),
                           metadata={"description": "出席した申込のID / ids of the sign-ups that attended"})


class RecordOutcomeRequest(GatheringIdRequest):
    minutes = fields.String(required=True, validate=validate.Length(min=1, max=20000))
    ideas = fields.List(fields.String(validate=validate.Length(min=1, max=500)), load_default=list,
                        validate=validate.Length(max=100))
    follow_ups = fields.List(fields.String(validate=validate.Length(min=1, max=500)), load_default=list,
                             validate=validate.Length(max=100))


class MyCalendarRequest(StrictSchema):
    """The caller's own calendar: no fields, the key says who."""


class CalendarFeedTokenRequest(StrictSchema):
    token = fields.String(required=True, validate=[validate.Length(min=3, max=300), validate.Regexp(
        r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$", error="購読URLの形式ではありません / not a calendar feed token")])


class UpdateGatheringRequest(GatheringIdRequest):
    """Only the fields sent change; capacity never below the seats already taken."""
    title = fields.String(validate=validate.Length(min=1, max=200))
    description = fields.String(validate=validate.Length(max=4000))
    capacity = fields.Integer(validate=validate.Range(min=1, max=10000), metadata={
        "description": "申込済みの席数より少なくできません。増やすとキャンセル待ちの方に繰り上げ / never below the "
                       "seats taken; more seats are offered to the waitlist in order"})
    signup_opens = fields.AwareDateTime()
    signup_closes = fields.AwareDateTime()


class CancelGatheringRequest(GatheringIdRequest):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500), metadata={
        "description": "参加者に伝える中止の理由 / why, as participants are told",
        "example": "台風接近のため / because of the approaching typhoon"})
