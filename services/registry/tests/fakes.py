"""In-memory registry for use-case tests."""
from services.common.unit_of_work import MemoryUnitOfWork
from services.registry.adapters.city_profiles import configured_city

CITY = configured_city()


class MemoryOrganisations:
    def __init__(self):
        self.rows = {}

    def add(self, organisation):
        self.rows[organisation.id] = organisation

    def get(self, organisation_id):
        return self.rows.get(organisation_id)

    def list(self, query):
        found = sorted(self.rows.values(), key=lambda o: (o.registered_at, o.id))
        found = [o for o in found if (not query.region or o.region == query.region)
                 and (not query.kind or o.kind == query.kind)]
        if query.after:
            found = [o for o in found if [o.registered_at.isoformat(), o.id] > query.after]
        return found[:query.limit]


class FakeRegistryUnitOfWork(MemoryUnitOfWork):
    def __init__(self):
        super().__init__()
        self.organisations = MemoryOrganisations()
