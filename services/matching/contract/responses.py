"""What matching answers: needs, talents, matches and offers, and their ranked, explained lists.

The schemas read the service's objects by attribute; they import none of its classes.
"""
from copy import deepcopy
from dataclasses import fields as dataclass_fields, is_dataclass

from marshmallow import Schema, fields, validate

from services.common.city_profile_file import region_names
from services.common.contract_schema import PERSONAL, ResponseSchema
from services.matching.contract.vocabulary import INVITATION_STATUSES, MATCH_STATUSES, NEED_KINDS

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_SCALARS = frozenset((str, int, float, bool, type(None)))


def _plain(value):
    """What dataclasses.asdict gives for a score breakdown (frozen dataclasses of plain values
    and tuples), without its deep copies and per-value checks: asdict was the largest share of a
    candidates answer's CPU. Field names are looked up once per class."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(value):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclass_fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is tuple or kind is list:
        return kind(_plain(v) for v in value)
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    return deepcopy(value)  # anything else, as asdict does


# Needs and recommendations

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


class NeedPageSchema(Schema):
    items = fields.List(fields.Nested(NeedSchema))
    next_cursor = fields.String(allow_none=True)


class _Ranked(Schema):
    score = fields.Function(lambda c: round(c.match.score, 6))
    weights_version = fields.Function(lambda c: c.match.weights_version)
    breakdown = fields.Function(lambda c: _plain(c.match.breakdown), metadata={
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


class ExposureReportSchema(Schema):
    since = fields.AwareDateTime()
    weights_version = fields.String()
    rows = fields.List(fields.Nested(ExposureRowSchema))


# Talents

class TalentSchema(ResponseSchema):
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
    contact = fields.Function(lambda t: {"email": t.contact.email, "phone": t.contact.phone},
                              metadata=PERSONAL)
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class TalentPageSchema(Schema):
    items = fields.List(fields.Nested(TalentSchema))
    next_cursor = fields.String(allow_none=True)


# Staff invitations

class StaffInvitationSchema(Schema):
    id = fields.String()
    offer_id = fields.String()
    partner_id = fields.String()
    person_id = fields.String()
    status = fields.String(metadata={"enum": list(INVITATION_STATUSES)})
    created_at = fields.AwareDateTime()
    answered_at = fields.AwareDateTime(allow_none=True)


class StaffInvitationPageSchema(Schema):
    items = fields.List(fields.Nested(StaffInvitationSchema))
    next_cursor = fields.String(allow_none=True)


# Matches

class MatchSchema(ResponseSchema):
    """A match as its reader may see it (`match`, and `contact` once released to them)."""
    id = fields.Function(lambda v: v.match.id)
    need_id = fields.Function(lambda v: v.match.need_id)
    talent_id = fields.Function(lambda v: v.match.talent_id)
    organisation_id = fields.Function(lambda v: v.match.organisation_id)
    proposed_by = fields.Function(lambda v: v.match.proposed_by)
    status = fields.Function(lambda v: v.match.status, metadata={"enum": list(MATCH_STATUSES)})
    score = fields.Function(lambda v: v.match.score)
    weights_version = fields.Function(lambda v: v.match.weights_version)
    hours = fields.Function(lambda v: v.match.hours)
    feedback = fields.Function(lambda v: v.match.feedback)
    contact = fields.Function(lambda v: None if v.contact is None else {
        "email": v.contact.email, "phone": v.contact.phone}, metadata={
        "description": "確定後に団体へ開示 / released to the organisation once confirmed",
        **PERSONAL})
    created_at = fields.Function(lambda v: v.match.created_at.isoformat())
    updated_at = fields.Function(lambda v: v.match.updated_at.isoformat())


class MatchPageSchema(Schema):
    items = fields.List(fields.Nested(MatchSchema))
    next_cursor = fields.String(allow_none=True)


class ExpiredSchema(Schema):
    expired = fields.Integer()


class _Proposal:
    """A proposed match as MatchSchema reads it: no contact is released at proposal."""

    def __init__(self, match):
        self.match, self.contact = match, None


class AssignmentSchema(Schema):
    weights_version = fields.String()
    total_score = fields.Float()
    proposals = fields.Function(lambda a: [MatchSchema().dump(_Proposal(m)) for m in a.proposals])
    preview = fields.Boolean(metadata={"description": "true: 何も提案していない / nothing was proposed"})
    digest = fields.String(metadata={"description": "提案する組み合わせの要約 / what the assignment "
                                                    "proposes, for expected_digest"})


class RelayedMessageSchema(ResponseSchema):
    id = fields.String()
    match_id = fields.String()
    by = fields.String(metadata={"description": "talent | organisation"})
    body = fields.String(metadata=PERSONAL)
    sent_at = fields.AwareDateTime()


class RelayedMessageListSchema(Schema):
    items = fields.List(fields.Nested(RelayedMessageSchema))


# CSR offers

class OfferSchema(Schema):
    id = fields.String()
    organisation_id = fields.String()
    kind = fields.String()
    title = fields.String()
    description = fields.String()
    skills = fields.Dict(keys=fields.String(), values=fields.Integer())
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    quantity = fields.Float()
    unit = fields.String()
    regions = fields.List(fields.String())
    online = fields.Boolean()
    starts = fields.Date()
    ends = fields.Date()
    status = fields.String()
    posted_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class FulfilmentSchema(Schema):
    offer_id = fields.String()
    organisation_id = fields.String()
    kind = fields.String()
    quantity = fields.Float()
    unit = fields.String()
    value_yen = fields.Integer()
    value_basis = fields.String()
    need_id = fields.String(allow_none=True)
    recipient_organisation_id = fields.String(attribute="recipient_id", allow_none=True)
    region = fields.String(allow_none=True)
    people_reached = fields.Integer()
    fulfilled_on = fields.Date()
    recorded_at = fields.AwareDateTime()


class OfferPageSchema(Schema):
    items = fields.List(fields.Nested(OfferSchema))
    next_cursor = fields.String(allow_none=True)


class _OfferRanked(Schema):
    score = fields.Function(lambda r: round(r.match.score, 6))
    weights_version = fields.Function(lambda r: r.match.weights_version)
    breakdown = fields.Function(lambda r: _plain(r.match.breakdown), metadata={
        "description": "要素ごとの内訳 / per-factor breakdown: kind, skills, fields, region, period"})
    explanation_ja = fields.Function(lambda r: r.match.explanation_ja)
    explanation_en = fields.Function(lambda r: r.match.explanation_en)


class RankedNeedSchema(_OfferRanked):
    need = fields.Nested(NeedSchema)


class RankedNeedListSchema(Schema):
    items = fields.List(fields.Nested(RankedNeedSchema))


class RankedOfferSchema(_OfferRanked):
    offer = fields.Nested(OfferSchema)


class RankedOfferListSchema(Schema):
    items = fields.List(fields.Nested(RankedOfferSchema))
