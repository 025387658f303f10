"""One request schema per RPC of reports that takes parameters (the summary and the network
figures take none): path, query and body fields together."""
from marshmallow import fields, validate

from services.common.contract_schema import StrictSchema, UuidString
from services.reports.contract.vocabulary import (BASELINE_FISCAL_YEAR, DIRECTIONS,
                                                  FIRST_FISCAL_YEAR, HIGHER, LAST_FISCAL_YEAR,
                                                  MEASURES, PLAN_FISCAL_YEARS, QUESTION_KINDS,
                                                  REPORT_FORMATS, REPORT_KINDS, SURVEY_STATUSES)

_MONTH = validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$",
                         error="YYYY-MM で入力してください / month as YYYY-MM")


class GetFacilityUseRequest(StrictSchema):
    region = fields.String(validate=validate.Length(max=50))
    month = fields.String(validate=_MONTH, metadata={"description": "利用月（開始日時, UTC）/ month of use",
                                                     "example": "2027-01"})


class GetMembershipRequest(StrictSchema):
    region = fields.String(validate=validate.Length(max=50))
    as_of = fields.Date(metadata={"description": "基準日 / as of (default today)"})


class GetCaseloadRequest(StrictSchema):
    from_month = fields.String(validate=_MONTH, metadata={"example": "2026-04"})
    to_month = fields.String(validate=_MONTH, metadata={"example": "2027-03"})


_FISCAL_YEAR = validate.Range(FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR,
                              error=f"年度は{FIRST_FISCAL_YEAR}〜{LAST_FISCAL_YEAR}です / fiscal year "
                                    f"must be {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}")


class GetPartnerLedgerRequest(StrictSchema):
    partner_id = UuidString(required=True)
    fiscal_year = fields.Integer(required=True, validate=_FISCAL_YEAR, metadata={
        "description": "年度（4月〜翌年3月、開始年）/ fiscal year (April–March, by its first year)",
        "example": 2024})


class SetHeadcountRequest(StrictSchema):
    partner_id = UuidString(required=True)
    headcount = fields.Integer(required=True, validate=validate.Range(1, 10_000_000), metadata={
        "description": "従業員数（参加率の分母）/ staff headcount (the participation rate's "
                       "denominator)"})


class RequestReportRequest(StrictSchema):
    request_id = UuidString(required=True)
    report_kind = fields.String(required=True, validate=validate.OneOf(REPORT_KINDS))
    formats = fields.List(fields.String(validate=validate.OneOf(REPORT_FORMATS)), required=True,
                          validate=validate.Length(min=1, max=len(REPORT_FORMATS)))
    partner_id = UuidString(load_default=None)
    fiscal_year = fields.Integer(load_default=None, validate=_FISCAL_YEAR)
    title_name = fields.String(load_default=None, validate=validate.Length(max=100), metadata={
        "description": "表紙に載せる事業者名 / the name printed on the cover"})
    as_of = fields.Date(load_default=None, metadata={
        "description": "city_progress: この日時点で再現 / as it stood at the end of this day"})
    survey_id = UuidString(load_default=None, metadata={
        "description": "survey_results: 集計するアンケート / the survey to export"})


class ListReportJobsRequest(StrictSchema):
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 500))


class ReportJobRequest(StrictSchema):
    job_id = UuidString(required=True)


class ReportFileRequest(StrictSchema):
    job_id = UuidString(required=True)
    format = fields.String(required=True, validate=validate.OneOf(REPORT_FORMATS))


_CODE = validate.Regexp(r"^[a-z0-9][a-z0-9_.-]{0,59}$",
                        error="英小文字・数字・_.- で60字まで / lower-case letters, digits, _.- "
                              "(at most 60)")


class DefineIndicatorRequest(StrictSchema):
    code = fields.String(required=True, validate=_CODE, metadata={"example": "matches_completed"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=100),
                         metadata={"example": "マッチング成立件数"})
    measure = fields.String(required=True, validate=validate.OneOf(MEASURES))
    unit = fields.String(load_default=None, validate=validate.Length(max=20))
    direction = fields.String(load_default=HIGHER, validate=validate.OneOf(DIRECTIONS))
    region = fields.String(load_default=None, validate=validate.Length(max=50))
    baseline = fields.Float(load_default=None, allow_none=True, metadata={
        "description": f"基準値（{BASELINE_FISCAL_YEAR}年度）/ FY{BASELINE_FISCAL_YEAR} baseline"})
    targets = fields.Dict(keys=fields.Integer(validate=validate.OneOf(PLAN_FISCAL_YEARS)),
                          values=fields.Float(), load_default=dict, metadata={
                              "description": "年度ごとの目標値 / target per fiscal year",
                              "example": {"2024": 120, "2025": 140}})


class SetTargetRequest(StrictSchema):
    code = fields.String(required=True, validate=_CODE)
    fiscal_year = fields.Integer(required=True, validate=validate.OneOf(
        PLAN_FISCAL_YEARS, error=f"目標は{PLAN_FISCAL_YEARS[0]}〜{PLAN_FISCAL_YEARS[-1]}年度です / "
                                 f"targets are for FY{PLAN_FISCAL_YEARS[0]}–FY{PLAN_FISCAL_YEARS[-1]}"))
    target = fields.Float(required=True)


class IndicatorRequest(StrictSchema):
    code = fields.String(required=True, validate=_CODE)


class PlanProgressRequest(StrictSchema):
    as_of = fields.Date(load_default=None, metadata={
        "description": "この日時点で再現 / as it stood at the end of this day (default today)"})


class DrillDownRequest(StrictSchema):
    code = fields.String(required=True, validate=_CODE)
    fiscal_year = fields.Integer(required=True, validate=_FISCAL_YEAR)
    region = fields.String(load_default=None, validate=validate.Length(max=50))
    as_of = fields.Date(load_default=None)


class QuestionSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(
        r"^[a-z0-9_]{1,20}$", error="英小文字・数字・_ で20字まで / a-z, 0-9, _ (at most 20)"))
    text = fields.String(required=True, validate=validate.Length(min=1, max=500))
    kind = fields.String(required=True, validate=validate.OneOf(QUESTION_KINDS))
    required = fields.Boolean(load_default=False)
    options = fields.List(fields.String(validate=validate.Length(min=1, max=100)),
                          load_default=list, validate=validate.Length(max=30))
    minimum = fields.Float(load_default=None, allow_none=True)
    maximum = fields.Float(load_default=None, allow_none=True)


class DefineSurveyRequest(StrictSchema):
    request_id = UuidString(required=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=2000))
    questions = fields.List(fields.Nested(QuestionSchema), required=True,
                            validate=validate.Length(min=1, max=100))


class SurveyIdRequest(StrictSchema):
    survey_id = UuidString(required=True)


class ListSurveysRequest(StrictSchema):
    status = fields.String(validate=validate.OneOf(SURVEY_STATUSES), metadata={
        "description": "状態で絞り込む / only surveys in this state", "example": "open"})
    cursor = fields.String(validate=validate.Length(max=500),
                           metadata={"description": "前のページの next_cursor / the previous page's next_cursor"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200),
                           metadata={"example": 20})


class InviteRequest(StrictSchema):
    survey_id = UuidString(required=True)
    partner_ids = fields.List(UuidString(), required=True,
                              validate=validate.Length(min=1, max=1000))


class AnswerRequest(StrictSchema):
    survey_id = UuidString(required=True)
    answers = fields.Dict(keys=fields.String(validate=validate.Length(max=20)),
                          values=fields.Raw(allow_none=True), required=True, metadata={
                              "description": "質問IDごとの回答（選択肢の文字列・その配列・1〜5の整数"
                                             "・数値・文章）/ per question id",
                              "example": {"q1": "はい", "q3": 4}})
    directory_consent = fields.Boolean(load_default=None, allow_none=True, metadata={
        "description": "協働パートナーとして公開に同意する / list us publicly (false withdraws)"})
    display_name = fields.String(load_default=None, validate=validate.Length(max=100))
    message = fields.String(load_default="", validate=validate.Length(max=500))


class DirectoryConsentRequest(StrictSchema):
    partner_id = UuidString(required=True)
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    message = fields.String(load_default="", validate=validate.Length(max=500))


class PartnerRequest(StrictSchema):
    partner_id = UuidString(required=True)
