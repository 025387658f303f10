"""Routes to registry."""
from services.registry.entrypoints.schemas import (OrganisationIdSchema, OrganisationPageSchema,
                                                   OrganisationQuerySchema, OrganisationSchema,
                                                   RegisterOrganisationSchema)

from gateway.routes.route import EVERYONE, Route

ROUTES = (
    Route("registerOrganisation", "POST", "/api/v1/organisations",
          "団体を登録 / Register an organisation", "registry", ("operator",),
          ("registry", "register_organisation"), body=RegisterOrganisationSchema,
          response=OrganisationSchema, status=201),
    Route("listOrganisations", "GET", "/api/v1/organisations", "団体の一覧 / List organisations",
          "registry", EVERYONE, ("registry", "list_organisations"), query=OrganisationQuerySchema,
          response=OrganisationPageSchema),
    Route("getOrganisation", "GET", "/api/v1/organisations/<organisation_id>",
          "団体の詳細 / Get an organisation", "registry", EVERYONE,
          ("registry", "get_organisation"), query=OrganisationIdSchema, response=OrganisationSchema),
)
