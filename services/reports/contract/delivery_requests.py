"""The request for delivery counts (kept apart from requests.py so it merges cleanly)."""
from marshmallow import fields

from services.common.contract_schema import StrictSchema


class DeliveryCountsRequest(StrictSchema):
    from_ = fields.Date(required=True, data_key="from", metadata={
        "description": "開始日（日本時間、この日を含む）/ first day, Japan time, inclusive",
        "example": "2027-01-01"})
    to = fields.Date(required=True, metadata={
        "description": "終了日（この日を含む、最長366日）/ last day, inclusive (366 days at most)",
        "example": "2027-01-31"})
