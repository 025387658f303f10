"""Events reports publishes: each payload's schema, an example, and the `PUBLISHED` catalogue.

`reports.report_requested` goes to reports' own worker (the job is generated outside the
request, and redone if a crash interrupts it); `reports.report_ready` tells the requester.
"""
from marshmallow import Schema, fields

from services.common.contract_schema import UuidString
from services.common.event_contracts import EventCatalogue, EventContract


class ReportRequestedV1(Schema):
    job_id = UuidString(required=True)


class ReportReadyV1(Schema):
    job_id = UuidString(required=True)
    requested_by = fields.String(required=True, metadata={
        "description": "依頼者の受信箱（role:subject）/ the requester's inbox (Actor.recipient_id)"})
    report_kind = fields.String(required=True)
    fiscal_year = fields.Integer(required=True, allow_none=True)
    formats = fields.List(fields.String(), required=True)


JOB_ID = "6f1e2d3c-4b5a-4d9e-8f7a-0b1c2d3e4f5a"

PUBLISHED = EventCatalogue([
    EventContract("reports.report_requested", 1, ReportRequestedV1, {"job_id": JOB_ID}),
    EventContract("reports.report_ready", 1, ReportReadyV1, {
        "job_id": JOB_ID, "requested_by": "partner:5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
        "report_kind": "partner_annual_csr", "fiscal_year": 2024, "formats": ["csv", "pdf", "xlsx"]}),
])
