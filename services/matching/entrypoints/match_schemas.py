"""Match lifecycle contracts."""
from marshmallow import Schema, fields, post_load, validate

from services.common.pagination import decode_cursor
from services.matching.app.matches import MatchFilter, ProposeMatch
from services.matching.domain.match import MAX_HOURS_PER_MATCH, STATUSES
from services.matching.entrypoints.schema_fields import Strict


class ProposeMatchSchema(Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    need_id = fields.UUID(required=True)
    talent_id = fields.UUID(metadata={
        "description": "招待する人（団体・運営者）。本人の応募では省略 / the talent invited; omitted when a citizen applies"})

    @post_load
    def to_command(self, data, **_):
        return ProposeMatch(match_id=str(data["request_id"]), need_id=str(data["need_id"]),
                            talent_id=str(data["talent_id"]) if data.get("talent_id") else None)


class MatchIdSchema(Strict):
    match_id = fields.UUID(required=True)


class HoursSchema(Strict):
    hours = fields.Float(required=True, validate=validate.Range(min=0.25, max=MAX_HOURS_PER_MATCH),
                         metadata={"description": "活動時間 / hours given", "example": 3})


class HoursRequestSchema(HoursSchema, MatchIdSchema):
    pass


class FeedbackSchema(Strict):
    rating = fields.Integer(required=True, validate=validate.Range(1, 5))
    comment = fields.String(load_default="", validate=validate.Length(max=2000))


class FeedbackRequestSchema(FeedbackSchema, MatchIdSchema):
    pass


class ExpireSchema(Strict):
    older_than_days = fields.Integer(load_default=14, validate=validate.Range(min=0, max=365))


class ExpiredSchema(Schema):
    expired = fields.Integer()


class MatchSchema(Schema):
    id = fields.Function(lambda v: v.match.id)
    need_id = fields.Function(lambda v: v.match.need_id)
    talent_id = fields.Function(lambda v: v.match.talent_id)
    organisation_id = fields.Function(lambda v: v.match.organisation_id)
    proposed_by = fields.Function(lambda v: v.match.proposed_by)
    status = fields.Function(lambda v: v.match.status, metadata={"enum": list(STATUSES)})
    score = fields.Function(lambda v: v.match.score)
    weights_version = fields.Function(lambda v: v.match.weights_version)
    hours = fields.Function(lambda v: v.match.hours)
    feedback = fields.Function(lambda v: v.match.feedback)
    contact = fields.Function(lambda v: None if v.contact is None else {
        "email": v.contact.email, "phone": v.contact.phone}, metadata={
        "description": "確定後に団体へ開示 / released to the organisation once confirmed"})
    created_at = fields.Function(lambda v: v.match.created_at.isoformat())
    updated_at = fields.Function(lambda v: v.match.updated_at.isoformat())


class MatchQuerySchema(Strict):
    need_id = fields.String(validate=validate.Length(max=36))
    talent_id = fields.String(validate=validate.Length(max=36))
    organisation_id = fields.String(validate=validate.Length(max=36))
    status = fields.String(validate=validate.OneOf(STATUSES))
    cursor = fields.String(validate=validate.Length(max=500))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))

    @post_load
    def to_filter(self, data, **_):
        return MatchFilter(after=decode_cursor(data.pop("cursor", None)), **data)


class MatchPageSchema(Schema):
    items = fields.List(fields.Nested(MatchSchema))
    next_cursor = fields.String(allow_none=True)


class AssignSchema(Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    need_ids = fields.List(fields.UUID(), validate=validate.Length(max=5000), metadata={
        "description": "対象の募集（省略時はすべての受付中の募集） / needs to fill (default: every open need)"})
    max_needs_per_talent = fields.Integer(load_default=1, validate=validate.Range(1, 10))

    @post_load
    def to_command(self, data, **_):
        return {"request_id": str(data["request_id"]), "max_needs_per_talent": data["max_needs_per_talent"],
                "need_ids": [str(n) for n in data["need_ids"]] if data.get("need_ids") else None}


class AssignmentSchema(Schema):
    weights_version = fields.String()
    total_score = fields.Float()
    proposals = fields.Function(lambda a: [MatchSchema().dump(_View(m)) for m in a.proposals])


class _View:
    def __init__(self, match):
        self.match, self.contact = match, None


class SendMessageSchema(Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    body = fields.String(required=True, validate=validate.Length(min=1, max=2000), metadata={
        "description": "本文（確定前は連絡先を書かずにやり取りできます） / text, relayed without revealing contacts",
        "example": "当日の集合場所を教えてください。"})


class SendMessageRequestSchema(SendMessageSchema, MatchIdSchema):
    @post_load
    def to_command(self, data, **_):
        return {"match_id": str(data["match_id"]), "message_id": str(data["request_id"]), "body": data["body"]}


class RelayedMessageSchema(Schema):
    id = fields.String()
    match_id = fields.String()
    by = fields.String(metadata={"description": "talent | organisation"})
    body = fields.String()
    sent_at = fields.AwareDateTime()


class RelayedMessageListSchema(Schema):
    items = fields.List(fields.Nested(RelayedMessageSchema))
