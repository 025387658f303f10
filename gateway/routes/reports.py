"""Routes to reports."""
from services.reports.entrypoints.schemas import SummarySchema

from gateway.routes.route import EVERYONE, Route

ROUTES = (
    Route("getSummary", "GET", "/api/v1/reports/summary",
          "地域別の集計 / Organisations and needs per region", "reports", EVERYONE,
          ("reports", "get_summary"), response=SummarySchema),
)
