"""Every route of the public API, one module per service; the table drives both the handlers
and the OpenAPI document."""
from gateway.routes import admin, funding, gatherings, matching, notifications, registry, reports, vocabularies
from gateway.routes.route import Route

ROUTES: tuple[Route, ...] = (*admin.ROUTES, *registry.ROUTES, *matching.ROUTES,
                             *notifications.ROUTES, *reports.ROUTES, *gatherings.ROUTES,
                             *funding.ROUTES, *vocabularies.ROUTES)
