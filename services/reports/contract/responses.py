"""Reports' response schemas (their class names name the OpenAPI components)."""
from marshmallow import Schema, fields


class RegionCountsSchema(Schema):
    region = fields.String()
    organisations = fields.Integer()
    needs = fields.Integer()
    verified_organisations = fields.Integer()


class SummarySchema(Schema):
    regions = fields.List(fields.Nested(RegionCountsSchema))
    total_organisations = fields.Integer()
    total_needs = fields.Integer()


class FacilityUseSchema(Schema):
    facility_id = fields.String()
    region = fields.String()
    rooms = fields.Integer()
    managing_organisation_id = fields.String(allow_none=True)
    bookings = fields.Integer()
    requested = fields.Integer()
    confirmed = fields.Integer()
    declined = fields.Integer()
    cancelled = fields.Integer()
    confirmed_hours = fields.Float()


class FacilityUseReportSchema(Schema):
    facilities = fields.List(fields.Nested(FacilityUseSchema))


class RegionMembershipSchema(Schema):
    region = fields.String()
    associations = fields.Integer()
    households_in_area = fields.Integer()
    member_households = fields.Integer()
    rate = fields.Float(allow_none=True)
    newcomer_interests = fields.Integer(metadata={"description": "自治会紹介を希望した転入者数 / "
                                                                 "newcomers who asked to be "
                                                                 "introduced"})


class MembershipReportSchema(Schema):
    as_of = fields.Date()
    regions = fields.List(fields.Nested(RegionMembershipSchema))


class CaseloadRowSchema(Schema):
    month = fields.String()
    topic = fields.String()
    status = fields.String()
    consultations = fields.Integer()


class CaseloadSchema(Schema):
    total = fields.Integer()
    by_status = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_channel = fields.Dict(keys=fields.String(), values=fields.Integer())
    follow_ups = fields.Integer()
    referrals = fields.Integer()
    rows = fields.List(fields.Nested(CaseloadRowSchema),
                       metadata={"description": "月・分野・状況別の件数 / per month, topic, status"})


class NetworkFiguresSchema(Schema):
    ties = fields.Integer()
    ties_by_kind = fields.Dict(keys=fields.String(), values=fields.Integer())
    connected_organisations = fields.Integer(metadata={
        "description": "他団体とつながっている団体数 / organisations with at least one tie"})
    roster_entries_by_role = fields.Dict(keys=fields.String(), values=fields.Integer())
    organisations_with_rosters = fields.Integer()


class LedgerRegionSchema(Schema):
    region = fields.String()
    matches = fields.Integer(allow_none=True)
    hours = fields.Float(allow_none=True)
    volunteers = fields.Integer(allow_none=True)
    suppressed = fields.Boolean(metadata={"description": "少人数のため非表示 / hidden: too few "
                                                         "volunteers"})


class OfferKindTotalSchema(Schema):
    kind = fields.String()
    offers = fields.Integer()
    quantities = fields.Dict(keys=fields.String(), values=fields.Float(), metadata={
        "description": "単位ごとの数量（提供時に示した価値の基準、寄付金は円）/ quantity per unit"})


class FulfilledKindTotalSchema(Schema):
    kind = fields.String()
    offers = fields.Integer(metadata={"description": "実績を記録した提供の数 / offers fulfilled"})
    quantities = fields.Dict(keys=fields.String(), values=fields.Float(), metadata={
        "description": "単位ごとの提供した数量 / quantity given per unit", "example": {"食": 120}})
    value_yen = fields.Integer(metadata={"description": "価値の合計（円） / value in yen"})
    value_bases = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "価値の根拠ごとの金額（円） / yen per value basis", "example": {"market_price": 36000}})
    people_reached = fields.Integer()
    source_event_ids = fields.List(fields.String(), metadata={
        "description": "根拠となったイベント / the offer_fulfilled events behind the figures"})


class LedgerLineSchema(Schema):
    line_id = fields.String()
    kind = fields.String(metadata={"description": "staff_hours | offer | gift"})
    occurred_on = fields.Date()
    offer_id = fields.String(allow_none=True)
    offer_kind = fields.String(allow_none=True)
    organisation_id = fields.String(allow_none=True)
    regions = fields.List(fields.String())
    hours = fields.Float()
    quantity = fields.Float(allow_none=True)
    unit = fields.String(allow_none=True)
    value_yen = fields.Integer(allow_none=True, metadata={"description": "提供の価値（円） / a gift's value"})
    value_basis = fields.String(allow_none=True)
    people_reached = fields.Integer()
    sdgs = fields.List(fields.Integer())
    source_event_ids = fields.List(fields.String(), metadata={
        "description": "この明細の根拠となったイベント / the events this line came from"})


class PartnerLedgerSchema(Schema):
    partner_id = fields.String()
    fiscal_year = fields.Integer()
    fiscal_year_label = fields.String(metadata={"example": "令和6年度（2024年度）"})
    min_cell = fields.Integer()
    headcount = fields.Integer(allow_none=True)
    staff_hours = fields.Float()
    completed_matches = fields.Integer()
    volunteers = fields.Integer()
    participation_rate = fields.Float(allow_none=True)
    organisations_supported = fields.Integer()
    regions_supported = fields.Integer()
    regions = fields.List(fields.Nested(LedgerRegionSchema))
    offers_by_kind = fields.List(fields.Nested(OfferKindTotalSchema))
    fulfilled_by_kind = fields.List(fields.Nested(FulfilledKindTotalSchema), metadata={
        "description": "提供の実績（種類別） / offers fulfilled, by kind"})
    value_given_yen = fields.Integer(metadata={"description": "提供した価値の合計（円） / yen given in all"})
    people_reached = fields.Integer(metadata={"description": "届いた人数（活動と提供） / people reached"})
    sdgs = fields.Dict(keys=fields.String(), values=fields.Integer())
    lines = fields.List(fields.Nested(LedgerLineSchema))


class HeadcountSchema(Schema):
    partner_id = fields.String()
    headcount = fields.Integer()


class ReportJobSchema(Schema):
    job_id = fields.String(attribute="id")
    report_kind = fields.String()
    status = fields.String(metadata={"description": "queued | done"})
    partner_id = fields.String(allow_none=True)
    fiscal_year = fields.Integer(allow_none=True)
    formats = fields.List(fields.String())
    requested_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)


class MeasureSchema(Schema):
    code = fields.String()
    name = fields.String()
    unit = fields.String()
    aggregate = fields.String()
    plan = fields.String(metadata={"description": "PLAN.md の施策ID / the plan measure"})
    source_events = fields.List(fields.String())


class MeasureCatalogueSchema(Schema):
    measures = fields.List(fields.Nested(MeasureSchema))


class IndicatorVersionSchema(Schema):
    code = fields.String()
    version = fields.Integer()
    name = fields.String()
    measure = fields.String()
    unit = fields.String()
    direction = fields.String()
    region = fields.String(allow_none=True)
    baseline = fields.Float(allow_none=True)
    targets = fields.Dict(keys=fields.String(), values=fields.Float())
    defined_at = fields.DateTime()


class IndicatorHistorySchema(Schema):
    versions = fields.List(fields.Nested(IndicatorVersionSchema))


class YearValueSchema(Schema):
    fiscal_year = fields.Integer()
    value = fields.Float(allow_none=True)
    target = fields.Float(allow_none=True)
    achievement = fields.Float(allow_none=True, metadata={"description": "達成率（%）"})
    grade = fields.String(allow_none=True, metadata={"description": "S / A / B / C"})


class IndicatorProgressSchema(Schema):
    indicator = fields.Nested(IndicatorVersionSchema)
    years = fields.List(fields.Nested(YearValueSchema))
    by_region = fields.Dict(keys=fields.String(), values=fields.Dict(
        keys=fields.String(), values=fields.Float(allow_none=True)))
    summary_ja = fields.String()


class PlanProgressSchema(Schema):
    as_of = fields.Date()
    grades = fields.String(metadata={"description": "評価基準 / the grade thresholds"})
    indicators = fields.List(fields.Nested(IndicatorProgressSchema))


class SourceEventSchema(Schema):
    event_id = fields.String()
    occurred_on = fields.Date()
    region = fields.String(allow_none=True)
    value = fields.Float(allow_none=True)


class DrillDownSchema(Schema):
    indicator = fields.Nested(IndicatorVersionSchema)
    fiscal_year = fields.Integer()
    region = fields.String(allow_none=True)
    events = fields.List(fields.Nested(SourceEventSchema))


class ReportJobListSchema(Schema):
    items = fields.List(fields.Nested(ReportJobSchema))


class QuestionOutSchema(Schema):
    id = fields.String()
    text = fields.String()
    kind = fields.String()
    required = fields.Boolean()
    options = fields.List(fields.String())
    minimum = fields.Float(allow_none=True)
    maximum = fields.Float(allow_none=True)


class SurveySchema(Schema):
    survey_id = fields.String(attribute="id")
    title = fields.String()
    description = fields.String()
    status = fields.String(metadata={"description": "draft | open | closed"})
    questions = fields.List(fields.Nested(QuestionOutSchema))
    created_at = fields.DateTime()
    opened_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)


class SurveyListSchema(Schema):
    items = fields.List(fields.Nested(SurveySchema))
    next_cursor = fields.String(allow_none=True)


class InvitationsSchema(Schema):
    survey_id = fields.String()
    invited = fields.Integer()


class SurveyAnswerSchema(Schema):
    survey_id = fields.String()
    partner_id = fields.String()
    answers = fields.Dict(keys=fields.String(), values=fields.Raw())
    submitted_at = fields.DateTime()
    updated_at = fields.DateTime()


class QuestionResultSchema(Schema):
    question = fields.Nested(QuestionOutSchema)
    answered = fields.Integer()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    percentages = fields.Dict(keys=fields.String(), values=fields.Float())
    mean = fields.Float(allow_none=True)
    texts = fields.List(fields.String(), metadata={
        "description": "自由記述（運営者のみ）/ free text (operators only)"})


class SurveyResultsSchema(Schema):
    survey = fields.Nested(SurveySchema)
    invited = fields.Integer()
    responses = fields.Integer()
    response_rate = fields.Float(allow_none=True, metadata={"description": "回答率（%）"})
    questions = fields.List(fields.Nested(QuestionResultSchema))


class DirectoryEntrySchema(Schema):
    partner_id = fields.String()
    display_name = fields.String()
    message = fields.String()
    offer_kinds = fields.List(fields.String())
    regions = fields.List(fields.String())
    sdgs = fields.List(fields.Integer())


class DirectorySchema(Schema):
    items = fields.List(fields.Nested(DirectoryEntrySchema))


class WithdrawnSchema(Schema):
    partner_id = fields.String()
    listed = fields.Boolean()
