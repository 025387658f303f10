"""The registry service: RPC for the gateway, health for the orchestrator."""

from services.common.actor import Actor
from services.common.nameko_errors import rpc
from services.common.nameko_operations import HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.schema_loading import load
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING
from services.registry.adapters.unit_of_work import RegistryUnitOfWork
from services.registry.app import organisations
from services.registry.entrypoints.event_contracts import PUBLISHED
from services.registry.entrypoints.schemas import (OrganisationIdSchema, OrganisationPageSchema,
                                                   OrganisationQuerySchema, OrganisationSchema,
                                                   RegisterOrganisationSchema)


class Service(HealthEndpoints):
    name = "registry"
    subscription = None  # registry consumes no events

    uow = Persistence(RegistryUnitOfWork, PUBLISHED, MESSAGING)

    @rpc
    def register_organisation(self, actor, request):
        command = load(RegisterOrganisationSchema(), request)
        organisation = organisations.register_organisation(
            self.uow, Actor.from_dict(actor), command, configured_city())
        return OrganisationSchema().dump(organisation)

    @rpc
    def get_organisation(self, actor, request):
        query = load(OrganisationIdSchema(), request)
        organisation = organisations.get_organisation(self.uow, query["organisation_id"])
        return OrganisationSchema().dump(organisation)

    @rpc
    def list_organisations(self, actor, request):
        query = load(OrganisationQuerySchema(), request)
        page = organisations.list_organisations(self.uow, query)
        return OrganisationPageSchema().dump(page)
