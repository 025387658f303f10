"""What matching answers about gatherings and sign-ups. The schemas read by attribute and import
none of the service's classes; the online link shows only when the service released it."""
from marshmallow import Schema, fields


class OccurrenceSchema(Schema):
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()


class OutcomeSchema(Schema):
    minutes = fields.String()
    ideas = fields.List(fields.String())
    follow_ups = fields.List(fields.String())


class GatheringSchema(Schema):
    id = fields.Function(lambda v: v.gathering.id)
    organiser_id = fields.Function(lambda v: v.gathering.organiser_id)
    title = fields.Function(lambda v: v.gathering.title)
    description = fields.Function(lambda v: v.gathering.description)
    kind = fields.Function(lambda v: v.gathering.kind)
    status = fields.Function(lambda v: v.gathering.status, metadata={
        "description": "waiting_for_room（registryの予約待ち） / scheduled / refused"})
    refusal_reason = fields.Function(lambda v: v.gathering.refusal_reason)
    occurrences = fields.Function(lambda v: OccurrenceSchema(many=True).dump(v.gathering.occurrences))
    booking_ids = fields.Function(lambda v: v.gathering.booking_ids)
    online = fields.Function(lambda v: v.gathering.online)
    online_url = fields.Function(lambda v: v.gathering.online_url if v.link_released else None, metadata={
        "description": "参加者・主催者にのみ表示 / shown to participants and the organiser only"})
    capacity = fields.Function(lambda v: v.gathering.capacity)
    seats_taken = fields.Function(lambda v: v.gathering.seats_taken)
    target_age_bands = fields.Function(lambda v: v.gathering.target_age_bands)
    target_regions = fields.Function(lambda v: v.gathering.target_regions)
    target_fields = fields.Function(lambda v: v.gathering.target_fields)
    region = fields.Function(lambda v: v.gathering.region)
    fee_yen = fields.Function(lambda v: v.gathering.fee_yen)
    signup_opens = fields.Function(lambda v: v.gathering.signup_opens.isoformat())
    signup_closes = fields.Function(lambda v: v.gathering.signup_closes.isoformat())
    attendance_recorded = fields.Function(lambda v: v.gathering.attendance_recorded)
    outside_target = fields.Function(lambda v: list(v.outside_target), metadata={
        "description": "呼び出した市民のプロフィールが対象（年代・地域）から外れる理由。目安であり申込は可能 / why the "
                       "calling citizen's profile is outside the target age bands or regions; advisory, sign-up "
                       "stays open"})
    outcome = fields.Function(lambda v: OutcomeSchema().dump(v.gathering.outcome)
                              if v.gathering.outcome and v.link_released else None)


class GatheringPageSchema(Schema):
    items = fields.List(fields.Nested(GatheringSchema))
    next_cursor = fields.String(allow_none=True)


class SignUpSchema(Schema):
    id = fields.String()
    gathering_id = fields.String()
    participant = fields.String()
    seats = fields.Integer()
    status = fields.String(metadata={"description": "confirmed / waitlisted / offered（確認待ち） / cancelled / expired"})
    signed_up_at = fields.AwareDateTime()
    confirm_by = fields.AwareDateTime(allow_none=True)
    youth = fields.Boolean()
    first_timer = fields.Boolean()
    attended = fields.Boolean(allow_none=True)


class SignUpListSchema(Schema):
    items = fields.List(fields.Nested(SignUpSchema))


class CalendarFeedSchema(Schema):
    path = fields.String(metadata={"description": "カレンダーアプリに登録するURL（ゲートウェイのURLに続けて）。"
                                                  "鍵なしで読めるので他人に渡さないでください / the feed URL's path "
                                                  "on the gateway; it needs no key, so keep it private"})
    token = fields.String()
    version = fields.Integer(metadata={"description": "再発行の回数（再発行で古いURLは無効） / rotations so far; "
                                                      "rotating invalidates earlier URLs"})
