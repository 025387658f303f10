"""One request schema per RPC of notifications: what the gateway validates and the service loads."""
import re

from marshmallow import ValidationError, fields, validate, validates_schema

from services.common.contract_schema import StrictSchema, UuidString
from services.notifications.contract.vocabulary import (ACCOUNT_EMAIL_TEMPLATES, ADDRESS_CHANNELS,
                                                        CHANNELS, LANGUAGES, MODES)

LINE_USER_ID = re.compile(r"U[0-9a-f]{32}")

_TOPIC = fields.String(validate=validate.Length(min=1, max=50))
_REQUEST_ID = {"load_only": True, "metadata": {"description": "set by the gateway"}}


class PutSubscriptionRequest(StrictSchema):
    regions = fields.List(_TOPIC, load_default=list, validate=validate.Length(max=50),
                          metadata={"description": "地域コード / region codes", "example": ["yu"]})
    fields_ = fields.List(_TOPIC, data_key="fields", load_default=list,
                          validate=validate.Length(max=50),
                          metadata={"description": "活動分野 / field codes",
                                    "example": ["disaster_prevention"]})
    organisations = fields.List(UuidString(), load_default=list, validate=validate.Length(max=100),
                                metadata={"description": "フォローする団体（新しい募集・CSR提案・催し）/ "
                                                         "organisations followed: their new needs, "
                                                         "offers and gatherings",
                                          "example": ["5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"]})
    event_types = fields.List(fields.String(validate=validate.Length(min=1, max=100)),
                              load_default=None, allow_none=True,
                              validate=validate.Length(min=1, max=100),
                              metadata={"description": "受け取るイベント種別。省略・null なら役割ごとの既定 / "
                                                       "event types heard; omitted or null: the "
                                                       "role's defaults",
                                        "example": ["matching.need_posted",
                                                    "matching.match_confirmed"]})


RECIPIENT_ROLES = ("organisation", "partner", "citizen", "operator", "service")


class SubscriptionOfRequest(StrictSchema):
    role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES),
                         metadata={"example": "citizen"})
    subject_id = fields.String(required=True, validate=validate.Length(min=1, max=90),
                               metadata={"description": "団体・企業・市民の ID / the subject's id",
                                         "example": "5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"})


class PutSubscriptionOfRequest(PutSubscriptionRequest, SubscriptionOfRequest):
    """An operator sets someone's subscription: the same fields as their own."""


class ListSubscriptionsRequest(StrictSchema):
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class ReadInboxRequest(StrictSchema):
    cursor = fields.String(validate=validate.Length(max=500),
                           metadata={"description": "前のページの next_cursor / the previous page's next_cursor"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200),
                           metadata={"example": 20})


class MarkMessageReadRequest(StrictSchema):
    message_id = UuidString(required=True)


class AddAddressRequest(StrictSchema):
    request_id = UuidString(**_REQUEST_ID)
    channel = fields.String(load_default="email", validate=validate.OneOf(ADDRESS_CHANNELS),
                            metadata={"example": "email"})
    address = fields.String(required=True, validate=validate.Length(min=1, max=320), metadata={
        "description": "メールアドレス、または LINE のユーザーID（U＋32桁）。確認コードを送ります / "
                       "an e-mail address or a LINE user id (U + 32 hex); a confirmation code is "
                       "sent to it", "example": "kyodo.member@example.jp"})

    @validates_schema
    def _address_fits_its_channel(self, data, **kwargs):
        channel, address = data.get("channel", "email"), data.get("address", "")
        if channel == "email":
            try:
                validate.Email()(address)
            except ValidationError as exc:
                raise ValidationError({"address": exc.messages}) from exc
        elif channel == "line" and not LINE_USER_ID.fullmatch(address):
            raise ValidationError({"address": ["LINE のユーザーIDは U と32桁の16進数です / "
                                               "a LINE user id is U and 32 hex digits"]})


class ConfirmAddressRequest(StrictSchema):
    address_id = UuidString(required=True)
    code = fields.String(required=True, validate=validate.Regexp(r"^\d{8}$"),
                         metadata={"description": "メールで届いた8桁のコード / the 8-digit code",
                                   "example": "12345678"})


class UnsubscribeRequest(StrictSchema):
    token = fields.String(required=True, validate=validate.Length(min=10, max=300))


class RegisterWebhookEndpointRequest(StrictSchema):
    request_id = UuidString(**_REQUEST_ID)
    url = fields.URL(required=True, schemes={"http", "https"}, require_tld=False,
                     validate=validate.Length(max=2000),
                     metadata={"example": "https://partner.example.jp/kyodo/webhooks"})
    event_types = fields.List(fields.String(validate=validate.Length(min=1, max=100)),
                              load_default=list, validate=validate.Length(max=50),
                              metadata={"description": "空なら全種別 / empty: every type you hear about",
                                        "example": ["matching.match_confirmed"]})
    description = fields.String(load_default="", validate=validate.Length(max=200),
                                metadata={"example": "基幹システム連携 / our CRM"})


class WebhookEndpointRequest(StrictSchema):
    endpoint_id = UuidString(required=True)


class ListEndpointDeliveriesRequest(StrictSchema):
    endpoint_id = UuidString(required=True)
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class ReplayDeliveryRequest(StrictSchema):
    delivery_id = UuidString(required=True)


class PutPreferencesRequest(StrictSchema):
    """Only the fields sent change; quiet hours are set or cleared together."""
    language = fields.String(validate=validate.OneOf(LANGUAGES), metadata={"example": "ja"})
    time_zone = fields.String(validate=validate.Length(min=1, max=64),
                              metadata={"description": "IANA 名 / IANA name", "example": "Asia/Tokyo"})
    quiet_start = fields.Time(allow_none=True, metadata={
        "description": "この時刻からメール・Webhook を控える / nothing by e-mail or webhook from",
        "example": "22:00:00"})
    quiet_end = fields.Time(allow_none=True, metadata={"example": "07:00:00"})
    channels = fields.Dict(keys=fields.String(validate=validate.OneOf(CHANNELS)),
                           values=fields.String(validate=validate.OneOf(MODES)),
                           metadata={"description": "immediate | daily | weekly | off（webhook は "
                                                    "immediate か off）",
                                     "example": {"email": "daily"}})
    daily_cap = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=500),
                               metadata={"description": "1日に即時に送るメールの上限 / immediate "
                                                        "e-mails a day; the rest go to the digest",
                                         "example": 10})


class PublishAnnouncementRequest(StrictSchema):
    request_id = UuidString(**_REQUEST_ID)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200),
                          metadata={"example": "防災訓練のお知らせ"})
    body = fields.String(required=True, validate=validate.Length(min=1, max=5000),
                         metadata={"example": "12月6日（日）9時から由宇小学校で防災訓練を行います。"})
    regions = fields.List(_TOPIC, load_default=list, validate=validate.Length(max=50),
                          metadata={"description": "地域も分野も空なら全員へ / none: everyone",
                                    "example": ["yu"]})
    fields_ = fields.List(_TOPIC, data_key="fields", load_default=list,
                          validate=validate.Length(max=50))
    critical = fields.Boolean(load_default=False, metadata={
        "description": "安否確認・災害・法令の通知: 要約・上限・夜間停止を越えて即時に送り、その旨を記録 / "
                       "critical: bypasses digests, caps and quiet hours, and each bypass is recorded"})
    public = fields.Boolean(load_default=True, metadata={
        "description": "公開フィード（Atom）にも載せる / also in the public Atom feed"})


class ListAnnouncementsRequest(StrictSchema):
    cursor = fields.String(validate=validate.Length(max=500),
                           metadata={"description": "前のページの next_cursor / the previous page's next_cursor"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200),
                           metadata={"example": 20})


class AnnouncementRequest(StrictSchema):
    announcement_id = UuidString(required=True)


# --- the e-回覧板 ------------------------------------------------------------------------------

class SendCircularRequest(StrictSchema):
    request_id = UuidString(**_REQUEST_ID)
    organisation_id = UuidString(load_default=None, metadata={
        "description": "送る自治会（運営者は必須、自治会のキーなら省略可）/ the association: "
                       "operators name it; its own key may leave it out",
        "example": "4f1c2a9e-8d8b-4f8e-9b7e-2a1d3c4b5e6f"})
    title = fields.String(required=True, validate=validate.Length(min=1, max=200),
                          metadata={"example": "年末の清掃活動のお知らせ"})
    body = fields.String(required=True, validate=validate.Length(min=1, max=10000),
                         metadata={"example": "12月27日（日）9時から公民館前を清掃します。軍手をお持ちください。"})
    month = fields.String(load_default=None, allow_none=True,
                          validate=validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error=(
                              "月は 2026-12 の形で入れてください / a month as YYYY-MM (01–12)")),
                          metadata={"description": "何月号か（見出しは「2026年12月号」）/ the "
                                                   "monthly issue it is", "example": "2026-12"})
    critical = fields.Boolean(load_default=False, metadata={
        "description": "重要（運営者のみ）: 要約・上限・夜間停止を越えて即時に送る / critical "
                       "(operators only): past digests, caps and quiet hours"})


class ListCircularsRequest(StrictSchema):
    organisation_id = UuidString(metadata={
        "description": "運営者が自治会を絞り込む / an operator's filter by association"})
    cursor = fields.String(validate=validate.Length(max=500),
                           metadata={"description": "前のページの next_cursor / the previous page's next_cursor"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200),
                           metadata={"example": 20})


class CircularRequest(StrictSchema):
    circular_id = UuidString(required=True)


class CircularLinkRequest(StrictSchema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=500), metadata={
        "description": "メッセージのリンクにある署名つきトークン / the signed token in the "
                       "message's link"})


class SendAccountEmailRequest(StrictSchema):
    """From the gateway only (its own signed caller, no public route): an e-mail about a console
    account. The link is a secret (a reset token): it is kept only until the delivery ends."""
    request_id = UuidString(required=True)
    account_id = fields.String(required=True, validate=validate.Length(min=1, max=36),
                            metadata={"description": "the console account's id"})
    to = fields.Email(required=True, validate=validate.Length(max=254))
    template = fields.String(required=True, validate=validate.OneOf(ACCOUNT_EMAIL_TEMPLATES))
    link = fields.String(required=True, validate=[validate.Length(min=2, max=500),
                                                  validate.Regexp(r"^/console/")],
                         metadata={"description": "a path under the public URL"})
    valid_minutes = fields.Integer(required=True, validate=validate.Range(min=1, max=24 * 60))
