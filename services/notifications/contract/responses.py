"""Notifications' response schemas (their class names name the OpenAPI components)."""
from marshmallow import Schema, fields

from services.common.contract_schema import PERSONAL, ResponseSchema


class SubscriptionSchema(Schema):
    recipient_id = fields.String(metadata={"example": "citizen:5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"})
    regions = fields.Function(lambda s: sorted(s.regions))
    fields_ = fields.Function(lambda s: sorted(s.fields), data_key="fields")
    organisations = fields.Function(lambda s: sorted(s.organisations))
    event_types = fields.Function(lambda s: sorted(s.hears), metadata={
        "description": "受け取るイベント種別（既定を含む）/ event types heard, defaults included"})
    uses_defaults = fields.Boolean(metadata={
        "description": "役割の既定を使っているか / whether the role's defaults apply"})


class SubscriptionPageSchema(Schema):
    items = fields.List(fields.Nested(SubscriptionSchema))
    next_cursor = fields.String(allow_none=True)


class InboxMessageSchema(Schema):
    id = fields.String()
    title = fields.String(metadata={"example": "マッチが確定しました / The match is confirmed"})
    body = fields.String()
    link = fields.String(metadata={"example": "/api/v1/matches/0b6f…"})
    created_at = fields.AwareDateTime()
    read_at = fields.AwareDateTime(allow_none=True)


class InboxPageSchema(Schema):
    items = fields.List(fields.Nested(InboxMessageSchema))
    next_cursor = fields.String(allow_none=True)
    unread = fields.Integer(metadata={"description": "未読の件数 / unread messages", "example": 3})


class MarkedReadSchema(Schema):
    marked = fields.Integer(metadata={"description": "既読にした件数 / messages marked read"})


class ContactAddressSchema(ResponseSchema):
    id = fields.String()
    channel = fields.String(metadata={"description": "email | line"})
    address = fields.String(metadata=PERSONAL)
    status = fields.String(metadata={"description": "pending_confirmation | confirmed | unsubscribed"})
    created_at = fields.AwareDateTime()
    confirmed_at = fields.AwareDateTime(allow_none=True)


class ContactAddressListSchema(Schema):
    items = fields.List(fields.Nested(ContactAddressSchema))


class UnsubscribedSchema(Schema):
    status = fields.String(metadata={"example": "unsubscribed"})


class WebhookEndpointSchema(Schema):
    id = fields.String()
    url = fields.String()
    event_types = fields.List(fields.String())
    description = fields.String()
    status = fields.String(metadata={"description": "active | disabled"})
    disabled_reason = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    active_secrets = fields.Integer(metadata={"description": "有効な署名鍵の数（回転中は2）/ "
                                                            "secrets that sign (2 while rotating)"})


class WebhookEndpointListSchema(Schema):
    items = fields.List(fields.Nested(WebhookEndpointSchema))


class WebhookEndpointWithSecretSchema(WebhookEndpointSchema):
    secret = fields.String(metadata={
        "description": "署名鍵。この応答でのみ表示します / the signing secret, shown only here",
        "example": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})


class AttemptSchema(Schema):
    attempted_at = fields.AwareDateTime()
    outcome = fields.String(metadata={"description": "sent | failed"})
    latency_ms = fields.Integer()
    status_code = fields.Integer(allow_none=True)
    error = fields.String(allow_none=True)


class DeliverySchema(Schema):
    id = fields.String()
    webhook_id = fields.String(metadata={"description": "webhook-id ヘッダーの値 / the webhook-id header"})
    kind = fields.String(metadata={"example": "matching.match_confirmed"})
    status = fields.String(metadata={"description": "pending | sent | failed"})
    attempts = fields.Integer()
    next_attempt_at = fields.AwareDateTime(allow_none=True)
    created_at = fields.AwareDateTime()
    finished_at = fields.AwareDateTime(allow_none=True)
    last_error = fields.String(allow_none=True)
    attempt_log = fields.List(fields.Nested(AttemptSchema))


class DeliveryPageSchema(Schema):
    items = fields.List(fields.Nested(DeliverySchema))
    next_cursor = fields.String(allow_none=True)


class PreferencesSchema(Schema):
    recipient_id = fields.String()
    language = fields.String()
    time_zone = fields.String()
    quiet_start = fields.Time(allow_none=True)
    quiet_end = fields.Time(allow_none=True)
    channels = fields.Function(lambda p: {"email": p.mode("email"), "webhook": p.mode("webhook")})
    daily_cap = fields.Integer(allow_none=True)


class AnnouncementSchema(Schema):
    id = fields.String()
    title = fields.String()
    body = fields.String()
    regions = fields.List(fields.String())
    fields_ = fields.List(fields.String(), attribute="fields", data_key="fields")
    critical = fields.Boolean()
    public = fields.Boolean()
    published_at = fields.AwareDateTime()


class PublishedAnnouncementSchema(AnnouncementSchema):
    recipients = fields.Integer(metadata={"description": "届けた人数 / people it reached"})


class AnnouncementSummarySchema(AnnouncementSchema):
    """An announcement in the operators' list (the dumped object is an AnnouncementSummary)."""
    id = fields.String(attribute="announcement.id")
    title = fields.String(attribute="announcement.title")
    body = fields.String(attribute="announcement.body")
    regions = fields.List(fields.String(), attribute="announcement.regions")
    fields_ = fields.List(fields.String(), attribute="announcement.fields", data_key="fields")
    critical = fields.Boolean(attribute="announcement.critical")
    public = fields.Boolean(attribute="announcement.public")
    published_at = fields.AwareDateTime(attribute="announcement.published_at")
    recipients = fields.Integer(metadata={"description": "届けた人数 / people it reached",
                                          "example": 120})
    read = fields.Integer(metadata={"description": "既読 / read", "example": 45})


class AnnouncementPageSchema(Schema):
    items = fields.List(fields.Nested(AnnouncementSummarySchema))
    next_cursor = fields.String(allow_none=True)


class ReadReceiptsSchema(Schema):
    announcement_id = fields.String()
    recipients = fields.Integer()
    read = fields.Integer(metadata={"description": "既読 / read"})
    unread_recipients = fields.List(fields.String(), metadata={
        "description": "未読の受信者 / who has not read it yet"})


# --- the e-回覧板 ------------------------------------------------------------------------------

class CircularSchema(Schema):
    id = fields.String(attribute="circular.id")
    organisation_id = fields.String(attribute="circular.organisation_id")
    title = fields.String(attribute="circular.title", metadata={"example": "年末の清掃活動のお知らせ"})
    body = fields.String(attribute="circular.body")
    month = fields.String(attribute="circular.month", allow_none=True, metadata={"example": "2026-12"})
    month_label = fields.String(attribute="circular.month_label", allow_none=True,
                                metadata={"example": "2026年12月号"})
    critical = fields.Boolean(attribute="circular.critical")
    sent_at = fields.AwareDateTime(attribute="circular.sent_at")
    households = fields.Integer(metadata={"description": "会員世帯数 / member households",
                                          "example": 2})
    read = fields.Integer(metadata={"description": "既読の世帯 / households that read it",
                                    "example": 1})
    paper_households = fields.Integer(metadata={
        "description": "アカウントのない世帯（紙で回す）/ households without an account (paper)",
        "example": 1})


class CircularPageSchema(Schema):
    items = fields.List(fields.Nested(CircularSchema))
    next_cursor = fields.String(allow_none=True)


class HouseholdReadSchema(Schema):
    entry_id = fields.String(metadata={"description": "名簿の項目 / the roster entry"})
    name = fields.String(metadata={
        "description": "世帯の名前（呼び出し元に見える場合）/ the household's name, when visible to "
                       "the caller", "example": "佐藤 花子"})
    paper = fields.Boolean(metadata={"description": "アカウントのない世帯 / no account: paper"})
    read = fields.Function(lambda h: h.read_at is not None,
                           metadata={"description": "既読 / read", "example": True})
    read_at = fields.AwareDateTime(allow_none=True)


class CircularReadsSchema(Schema):
    circular_id = fields.String(attribute="circular.id")
    organisation_id = fields.String(attribute="circular.organisation_id")
    title = fields.String(attribute="circular.title", metadata={"example": "年末の清掃活動のお知らせ"})
    sent_at = fields.AwareDateTime(attribute="circular.sent_at")
    names_known = fields.Function(lambda r: r.names is not None, metadata={
        "description": "世帯名を名簿から得られたか / whether registry answered with the households' "
                       "names (if not, `name` is empty)", "example": True})
    households = fields.Function(lambda r: len(r.households), metadata={"example": 2})
    read = fields.Integer(metadata={"description": "既読 / read", "example": 1})
    unread = fields.Function(lambda r: len(r.unread), metadata={"description": "未読 / unread",
                                                                "example": 1})
    items = fields.List(fields.Nested(HouseholdReadSchema), attribute="rows",
                        metadata={"description": "世帯ごとの既読/未読 / per household"})


class CircularReadConfirmedSchema(Schema):
    circular_id = fields.String()
    read_at = fields.AwareDateTime(metadata={"description": "最初に確認した時刻 / first confirmed at"})
    message = fields.Constant("確認しました。ありがとうございました。 / Thank you: confirmed as read.")


class AccountEmailAcceptedSchema(Schema):
    delivery_id = fields.String(metadata={"description": "送信の記録 / the delivery recorded"})
