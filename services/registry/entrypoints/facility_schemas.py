"""Facility, room and booking contracts; the gateway validates and documents with these."""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.common.pagination import decode_cursor
from services.registry.app.facilities import (BookingDecision, BookingFilter, DesignateManager,
                                              FacilityFilter, RegisterFacility, RequestBooking)
from services.registry.domain.facility import BOOKING_STATUSES

_HHMM = validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$",
                        error="時刻は HH:MM で入力してください / time as HH:MM")


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class RoomSchema(_Strict):
    id = fields.String(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=100),
                         metadata={"description": "部屋名 / room", "example": "会議室A"})
    capacity = fields.Integer(required=True, validate=validate.Range(min=1, max=5000),
                              metadata={"description": "定員 / capacity"})
    equipment = fields.List(fields.String(validate=validate.Length(max=100)), load_default=list,
                            validate=validate.Length(max=50),
                            metadata={"description": "設備 / equipment"})


class OpeningHoursSchema(_Strict):
    open = fields.String(load_default="09:00", validate=_HHMM,
                         metadata={"description": "開館 / opens"})
    close = fields.String(load_default="21:00", validate=_HHMM,
                          metadata={"description": "閉館 / closes"})
    closed = fields.String(load_default="", validate=validate.Length(max=300),
                           metadata={"description": "休館日 / closed on"})


class DesignationSchema(_Strict):
    organisation_id = fields.String(required=True, validate=validate.Length(min=1, max=36),
                                    metadata={"description": "指定管理者の団体 / managing body"})
    from_ = fields.Date(required=True, data_key="from",
                        metadata={"description": "指定開始日 / designation starts"})
    to = fields.Date(allow_none=True, load_default=None,
                     metadata={"description": "指定終了日 / designation ends"})


class RegisterFacilitySchema(_Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
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

    @post_load
    def to_command(self, data, **_):
        designation = data.pop("designation") or {}
        return RegisterFacility(
            facility_id=str(data.pop("request_id")),
            opening_hours=OpeningHoursSchema().load(data.pop("opening_hours") or {}),
            managing_organisation_id=designation.get("organisation_id"),
            designated_from=designation.get("from_"), designated_to=designation.get("to"),
            **data)


class FacilityIdSchema(_Strict):
    facility_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class DesignateManagerRequestSchema(DesignationSchema):
    facility_id = fields.String(required=True, validate=validate.Length(min=1, max=36))

    @post_load
    def to_command(self, data, **_):
        return DesignateManager(facility_id=data["facility_id"],
                                organisation_id=data["organisation_id"],
                                designated_from=data["from_"], designated_to=data.get("to"))


class FacilitySchema(Schema):
    id = fields.String()
    name = fields.String()
    name_kana = fields.String()
    region = fields.String()
    town = fields.String()
    address = fields.String()
    rooms = fields.List(fields.Nested(RoomSchema))
    accessibility = fields.List(fields.String())
    opening_hours = fields.Nested(OpeningHoursSchema)
    managing_organisation_id = fields.String(allow_none=True)
    designated_from = fields.Date(allow_none=True)
    designated_to = fields.Date(allow_none=True)
    registered_at = fields.AwareDateTime()


class FacilityQuerySchema(_Strict):
    q = fields.String(validate=validate.Length(max=200),
                      metadata={"description": "検索語（施設名・フリガナ・所在地）/ search words"})
    region = fields.String(validate=validate.Length(max=50))
    cursor = fields.String(validate=validate.Length(max=1000))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_filter(self, data, **_):
        return FacilityFilter(after=decode_cursor(data.pop("cursor", None)), **data)


class FacilityPageSchema(Schema):
    items = fields.List(fields.Nested(FacilitySchema))
    next_cursor = fields.String(allow_none=True)


class RequestBookingSchema(_Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
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

    @post_load
    def to_command(self, data, **_):
        return RequestBooking(booking_id=str(data.pop("request_id")), **data)


class BookingIdSchema(_Strict):
    booking_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class BookingDecisionSchema(BookingIdSchema):
    @post_load
    def to_command(self, data, **_):
        return BookingDecision(**data)


class DeclineBodySchema(_Strict):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000),
                           metadata={"description": "辞退の理由 / reason"})


class DeclineRequestSchema(DeclineBodySchema):
    booking_id = fields.String(required=True, validate=validate.Length(min=1, max=36))

    @post_load
    def to_command(self, data, **_):
        return BookingDecision(**data)


class BookingSchema(Schema):
    id = fields.String()
    facility_id = fields.String()
    room_id = fields.String()
    organisation_id = fields.String()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    status = fields.String(validate=validate.OneOf(BOOKING_STATUSES))
    attendees = fields.Integer()
    purpose = fields.String()
    reason = fields.String()
    requested_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime(allow_none=True)


class BookingQuerySchema(_Strict):
    facility_id = fields.String(validate=validate.Length(max=36))
    room_id = fields.String(validate=validate.Length(max=36))
    organisation_id = fields.String(validate=validate.Length(max=36))
    status = fields.String(validate=validate.OneOf(BOOKING_STATUSES))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_filter(self, data, **_):
        return BookingFilter(after=decode_cursor(data.pop("cursor", None)), **data)


class BookingPageSchema(Schema):
    items = fields.List(fields.Nested(BookingSchema))
    next_cursor = fields.String(allow_none=True)


class FreeSlotsQuerySchema(_Strict):
    room_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    date = fields.Date(required=True, metadata={"description": "日付 / day",
                                                "example": "2027-01-16"})


class SlotSchema(Schema):
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()


class FreeSlotsSchema(Schema):
    facility_id = fields.String()
    room_id = fields.String()
    date = fields.Date()
    free = fields.List(fields.Nested(SlotSchema),
                       metadata={"description": "空き時間（現地時刻）/ free intervals, local time"})
