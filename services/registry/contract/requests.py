"""Registry's requests: one schema per RPC, path and body or query fields together.

The gateway validates and documents with these; the service loads the same schema and builds its
command from the result (entrypoints/commands.py). Ids in paths are plain strings (1–36 chars).
"""
from marshmallow import fields, validate

from services.common.contract_schema import StrictSchema
from services.registry.contract.vocabulary import (BOOKING_STATUSES, CONSULTATION_CHANNELS,
                                                   CONSULTATION_STATUSES, CONSULTATION_TOPICS,
                                                   CONTACT_CHANNELS, KINDS, LEGAL_FORMS,
                                                   MAX_DEPTH, ROSTER_ROLES, STATUSES, TIE_KINDS,
                                                   VISIBILITIES)

_ID = dict(required=True, validate=validate.Length(min=1, max=36))
_HHMM = validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$",
                        error="時刻は HH:MM で入力してください / time as HH:MM")
_VISIBILITY = dict(validate=validate.OneOf(VISIBILITIES))
_ROSTER_VISIBILITY = dict(_VISIBILITY, metadata={"description": (
    "公開範囲 / public; members = この名簿に載っている本人（市民キー）と自団体 / the people listed on this "
    "roster (their citizen keys) and the organisation itself; operators")})


def _request_id():
    return fields.UUID(load_only=True, metadata={"description": "set by the gateway"})


# --- organisations ----------------------------------------------------------------------------

class ContactSchema(StrictSchema):
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


class _OrganisationFields(StrictSchema):
    """The fields a client writes; required-ness is set by the subclasses."""

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


class RegisterOrganisationRequest(_OrganisationFields):
    request_id = _request_id()
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


class UpdateOrganisationRequest(_OrganisationFields):
    """Only the fields given change; the kind only by operators."""
    organisation_id = fields.String(**_ID)


class OrganisationIdRequest(StrictSchema):
    """verify_organisation, get_organisation and get_roster: the organisation alone."""
    organisation_id = fields.String(**_ID)


class RejectOrganisationRequest(StrictSchema):
    organisation_id = fields.String(**_ID)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000),
                           metadata={"description": "却下の理由（団体と運営者のみ閲覧）/ reason, "
                                                    "shown to the organisation and operators only"})


class ListOrganisationsRequest(StrictSchema):
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


# --- facilities (拠点施設) and bookings ---------------------------------------------------------

class RoomSchema(StrictSchema):
    id = fields.String(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=100),
                         metadata={"description": "部屋名 / room", "example": "会議室A"})
    capacity = fields.Integer(required=True, validate=validate.Range(min=1, max=5000),
                              metadata={"description": "定員 / capacity"})
    equipment = fields.List(fields.String(validate=validate.Length(max=100)), load_default=list,
                            validate=validate.Length(max=50),
                            metadata={"description": "設備 / equipment"})


class OpeningHoursSchema(StrictSchema):
    open = fields.String(load_default="09:00", validate=_HHMM,
                         metadata={"description": "開館 / opens"})
    close = fields.String(load_default="21:00", validate=_HHMM,
                          metadata={"description": "閉館 / closes"})
    closed = fields.String(load_default="", validate=validate.Length(max=300),
                           metadata={"description": "休館日 / closed on"})


class DesignationSchema(StrictSchema):
    organisation_id = fields.String(required=True, validate=validate.Length(min=1, max=36),
                                    metadata={"description": "指定管理者の団体 / managing body"})
    from_ = fields.Date(required=True, data_key="from",
                        metadata={"description": "指定開始日 / designation starts"})
    to = fields.Date(allow_none=True, load_default=None,
                     metadata={"description": "指定終了日 / designation ends"})


class RegisterFacilityRequest(StrictSchema):
    request_id = _request_id()
    name = fields.String(required=True, validate=validate.Length(min=1, max=200),
                         metadata={"description": "施設名 / name", "example": "由宇文化会館"})
    name_kana = fields.String(required=True, validate=validate.Length(min=1, max=200),
                              metadata={"description": "フリガナ / reading"})
    region = fields.String(required=True, validate=validate.Length(min=1, max=50))
    town = fields.String(load_default="", validate=validate.Length(max=100))
    address = fields.String(required=True, validate=validate.Length(min=1, max=300))
    rooms = fields.List(fields.Nested(RoomSchema), required=True,
                        validate=validate.Length(min=1, max=100))
    accessibility = fields.List(fields.String(validate=validate.Length(max=100)),
                                load_default=list, validate=validate.Length(max=50),
                                metadata={"description": "バリアフリー / accessibility"})
    opening_hours = fields.Nested(OpeningHoursSchema, load_default=dict)
    designation = fields.Nested(DesignationSchema, allow_none=True, load_default=None)


class DesignateFacilityManagerRequest(DesignationSchema):
    facility_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class GetFacilityRequest(StrictSchema):
    facility_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class ListFacilitiesRequest(StrictSchema):
    q = fields.String(validate=validate.Length(max=200),
                      metadata={"description": "検索語（施設名・フリガナ・所在地）/ search words"})
    region = fields.String(validate=validate.Length(max=50))
    cursor = fields.String(validate=validate.Length(max=1000))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class RequestBookingRequest(StrictSchema):
    request_id = _request_id()
    room_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    organisation_id = fields.String(validate=validate.Length(min=1, max=36),
                                    metadata={"description": "運営者が代理で予約するとき / "
                                                             "operators booking for a group"})
    starts_at = fields.AwareDateTime(required=True, metadata={
        "description": "開始（タイムゾーン付き）/ start, with offset",
        "example": "2027-01-16T10:00:00+09:00"})
    ends_at = fields.AwareDateTime(required=True, metadata={"example": "2027-01-16T12:00:00+09:00"})
    attendees = fields.Integer(required=True, validate=validate.Range(min=1, max=5000),
                               metadata={"description": "利用人数 / attendees"})
    purpose = fields.String(load_default="", validate=validate.Length(max=1000),
                            metadata={"description": "利用目的 / purpose"})


class BookingIdRequest(StrictSchema):
    """confirm_booking, cancel_booking and get_booking: the booking alone."""
    booking_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class DeclineBookingRequest(StrictSchema):
    booking_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000),
                           metadata={"description": "辞退の理由 / reason"})


class ListBookingsRequest(StrictSchema):
    facility_id = fields.String(validate=validate.Length(max=36))
    room_id = fields.String(validate=validate.Length(max=36))
    organisation_id = fields.String(validate=validate.Length(max=36))
    status = fields.String(validate=validate.OneOf(BOOKING_STATUSES))
    ends_after = fields.AwareDateTime(metadata={
        "description": "この時刻より後に終わる予約 / bookings ending after (a week's start)",
        "example": "2027-01-11T00:00:00+09:00"})
    starts_before = fields.AwareDateTime(metadata={
        "description": "この時刻より前に始まる予約 / bookings starting before (a week's end)",
        "example": "2027-01-18T00:00:00+09:00"})
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class FreeSlotsRequest(StrictSchema):
    room_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    date = fields.Date(required=True, metadata={"description": "日付 / day",
                                                "example": "2027-01-16"})


# --- neighbourhood associations (自治会) ----------------------------------------------------------

class SetAssociationAreaRequest(StrictSchema):
    organisation_id = fields.String(**_ID)
    towns = fields.List(fields.String(validate=validate.Length(min=1, max=100)), required=True,
                        validate=validate.Length(min=1, max=100),
                        metadata={"description": "区域の町名 / towns covered",
                                  "example": ["今津町"]})


class RecordHouseholdsRequest(StrictSchema):
    organisation_id = fields.String(**_ID)
    request_id = _request_id()
    households_in_area = fields.Integer(required=True, validate=validate.Range(min=0, max=10**7),
                                        metadata={"description": "区域内世帯数（住民基本台帳）/ "
                                                                 "households in the area"})
    as_of = fields.Date(required=True, metadata={"description": "基準日 / as of"})


class RecordMemberHouseholdsRequest(StrictSchema):
    organisation_id = fields.String(**_ID)
    request_id = _request_id()
    member_households = fields.Integer(required=True, validate=validate.Range(min=0, max=10**7),
                                       metadata={"description": "加入世帯数 / member households"})
    as_of = fields.Date(required=True, metadata={"description": "基準日 / as of"})


class MembershipRateRequest(StrictSchema):
    region = fields.String(validate=validate.Length(max=50))
    as_of = fields.Date(metadata={"description": "この日時点の最新の数値 / latest figures at or "
                                                 "before this day (default today)"})


class AssociationsForNewcomerRequest(StrictSchema):
    region = fields.String(required=True, validate=validate.Length(min=1, max=50))
    town = fields.String(required=True, validate=validate.Length(min=1, max=100),
                         metadata={"description": "転居先の町名 / your new town"})


class RegisterNewcomerInterestRequest(StrictSchema):
    request_id = _request_id()
    organisation_id = fields.String(**_ID)
    region = fields.String(required=True, validate=validate.Length(min=1, max=50))
    town = fields.String(required=True, validate=validate.Length(min=1, max=100))
    consent = fields.Boolean(required=True, metadata={
        "description": "自治会に知らせることへの同意 / consent to tell the association"})


# --- consultations at the support center (operators only) -------------------------------------

class OpenConsultationRequest(StrictSchema):
    request_id = _request_id()
    channel = fields.String(required=True, validate=validate.OneOf(CONSULTATION_CHANNELS),
                            metadata={"description": "受付方法（窓口/電話/メール/オンライン）/ "
                                                     "counter, phone, email, online"})
    topics = fields.List(fields.String(validate=validate.OneOf(CONSULTATION_TOPICS)),
                         required=True, validate=validate.Length(min=1, max=10),
                         metadata={"description": "相談分野 / topics"})
    organisation_id = fields.String(allow_none=True, load_default=None,
                                    validate=validate.Length(min=1, max=36),
                                    metadata={"description": "相談した団体（任意）/ organisation"})
    person = fields.String(load_default="", validate=validate.Length(max=200),
                           metadata={"description": "相談者（匿名可）/ person, may be anonymous"})
    notes = fields.String(load_default="", validate=validate.Length(max=8000),
                          metadata={"description": "相談内容 / notes"})
    coordinator = fields.String(load_default="", validate=validate.Length(max=200),
                                metadata={"description": "担当コーディネーター / coordinator"})


class GetConsultationRequest(StrictSchema):
    consultation_id = fields.String(**_ID)


class ChangeConsultationStatusRequest(StrictSchema):
    consultation_id = fields.String(**_ID)
    status = fields.String(required=True, validate=validate.OneOf(CONSULTATION_STATUSES),
                           metadata={"description": "open → in_progress → referred/resolved → "
                                                    "closed"})
    coordinator = fields.String(validate=validate.Length(max=200))


class AddConsultationFollowUpRequest(StrictSchema):
    consultation_id = fields.String(**_ID)
    note = fields.String(required=True, validate=validate.Length(min=1, max=4000),
                         metadata={"description": "フォローアップの記録 / follow-up note"})


class ReferConsultationRequest(StrictSchema):
    consultation_id = fields.String(**_ID)
    organisation_id = fields.String(**_ID, metadata={"description": "紹介先の団体 / referred to"})
    note = fields.String(load_default="", validate=validate.Length(max=4000))


class ListConsultationsRequest(StrictSchema):
    status = fields.String(validate=validate.OneOf(CONSULTATION_STATUSES))
    topic = fields.String(validate=validate.OneOf(CONSULTATION_TOPICS))
    organisation_id = fields.String(validate=validate.Length(max=36))
    coordinator = fields.String(validate=validate.Length(max=200))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


# --- networks ---------------------------------------------------------------------------------

class DeclareTieRequest(StrictSchema):
    organisation_id = fields.String(**_ID)
    request_id = _request_id()
    related_organisation_id = fields.String(**_ID, metadata={
        "description": "相手の団体（加盟先のネットワーク・協議会、連携先）/ the related organisation"})
    kind = fields.String(required=True, validate=validate.OneOf(TIE_KINDS), metadata={
        "description": "member_of（加盟）/ partner_of（連携）"})


class RemoveTieRequest(StrictSchema):
    organisation_id = fields.String(**_ID)
    tie_id = fields.String(**_ID)


class GetNetworkRequest(StrictSchema):
    organisation_id = fields.String(**_ID)
    depth = fields.Integer(load_default=MAX_DEPTH, validate=validate.Range(min=1, max=MAX_DEPTH),
                           metadata={"description": "何段先まで / hops (1–2)"})


# --- rosters of officers and members ----------------------------------------------------------

class AddRosterEntryRequest(StrictSchema):
    organisation_id = fields.String(**_ID)
    request_id = _request_id()
    role = fields.String(required=True, validate=validate.OneOf(ROSTER_ROLES),
                         metadata={"description": "officer（役員）/ member（会員）"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=200),
                         metadata={"description": "氏名 / name"})
    title = fields.String(load_default="", validate=validate.Length(max=100),
                          metadata={"description": "役職 / title", "example": "会長"})
    person_id = fields.String(allow_none=True, load_default=None,
                              validate=validate.Length(max=100),
                              metadata={"description": "本人の市民キーの subject（任意）/ the "
                                                       "person's citizen subject id"})
    email = fields.String(load_default="", validate=validate.Length(max=300))
    phone = fields.String(load_default="", validate=validate.Length(max=50))
    name_visibility = fields.String(load_default="members", **_ROSTER_VISIBILITY)
    email_visibility = fields.String(load_default="operators", **_ROSTER_VISIBILITY)
    phone_visibility = fields.String(load_default="operators", **_ROSTER_VISIBILITY)
    joined_on = fields.Date(allow_none=True, load_default=None)


class RemoveRosterEntryRequest(StrictSchema):
    organisation_id = fields.String(**_ID)
    entry_id = fields.String(**_ID)
