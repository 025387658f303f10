"""Codes reports' contract and domain share (plain constants, so the gateway can validate with
them without loading the domain)."""

# Fiscal years reports answers for: the plan runs FY2024–FY2028 with FY2023 as its baseline.
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 2019, 2035

PARTNER_ANNUAL_CSR = "partner_annual_csr"
REPORT_KINDS = (PARTNER_ANNUAL_CSR,)

PDF, XLSX, CSV = "pdf", "xlsx", "csv"
REPORT_FORMATS = (PDF, XLSX, CSV)

QUEUED, DONE = "queued", "done"
JOB_STATUSES = (QUEUED, DONE)

CITY_PROGRESS = "city_progress"
REPORT_KINDS = (PARTNER_ANNUAL_CSR, CITY_PROGRESS)

# Plan KPIs: the catalogue of measures reports computes from events (code → how it aggregates).
COUNT, SUM, DISTINCT, RATIO, SNAPSHOT_RATE = "count", "sum", "distinct", "ratio", "snapshot_rate"
MEASURES = ("organisations_registered", "organisations_verified", "consultations", "needs_posted",
            "matches_completed", "volunteer_hours", "active_businesses", "youth_share",
            "membership_rate", "facility_use", "newcomers_introduced")
HIGHER, LOWER = "higher", "lower"
DIRECTIONS = (HIGHER, LOWER)
BASELINE_FISCAL_YEAR = 2023
PLAN_FISCAL_YEARS = (2024, 2025, 2026, 2027, 2028)

SURVEY_RESULTS = "survey_results"
REPORT_KINDS = (PARTNER_ANNUAL_CSR, CITY_PROGRESS, SURVEY_RESULTS)

# Business surveys (アンケート)
SINGLE, MULTIPLE, SCALE, NUMBER, TEXT = "single", "multiple", "scale", "number", "text"
QUESTION_KINDS = (SINGLE, MULTIPLE, SCALE, NUMBER, TEXT)
SCALE_MIN, SCALE_MAX = 1, 5
DRAFT, OPEN, CLOSED = "draft", "open", "closed"
SURVEY_STATUSES = (DRAFT, OPEN, CLOSED)
