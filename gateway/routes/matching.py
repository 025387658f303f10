"""Routes to matching."""
from services.matching.entrypoints.schemas import NeedPageSchema, NeedQuerySchema, NeedSchema, PostNeedSchema

from gateway.routes.route import EVERYONE, Route

ROUTES = (
    Route("postNeed", "POST", "/api/v1/needs", "募集を投稿 / Post a need", "matching",
          ("organisation", "operator"), ("matching", "post_need"), body=PostNeedSchema,
          response=NeedSchema, status=201),
    Route("listNeeds", "GET", "/api/v1/needs", "募集の一覧 / List needs", "matching", EVERYONE,
          ("matching", "list_needs"), query=NeedQuerySchema, response=NeedPageSchema),
)
