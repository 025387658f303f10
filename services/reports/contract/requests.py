"""One request schema per RPC of reports that takes parameters (the summary and the network
figures take none)."""
from marshmallow import fields, validate

from services.common.contract_schema import StrictSchema

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
