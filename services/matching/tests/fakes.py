"""In-memory matching for use-case tests."""
from services.common.unit_of_work import MemoryUnitOfWork


class MemoryKnownOrganisations:
    def __init__(self):
        self.rows = {}

    def get(self, organisation_id):
        return self.rows.get(organisation_id)

    def save(self, organisation):
        self.rows[organisation.organisation_id] = organisation


class MemoryNeeds:
    def __init__(self):
        self.rows = {}

    def add(self, need):
        self.rows[need.id] = need

    def get(self, need_id):
        return self.rows.get(need_id)

    def list(self, query):
        found = sorted(self.rows.values(), key=lambda n: (n.posted_at, n.id))
        found = [n for n in found if (not query.organisation_id or n.organisation_id == query.organisation_id)
                 and (not query.region or n.region == query.region)]
        if query.after:
            found = [n for n in found if [n.posted_at.isoformat(), n.id] > query.after]
        return found[:query.limit]


class FakeMatchingUnitOfWork(MemoryUnitOfWork):
    def __init__(self):
        super().__init__()
        self.organisations = MemoryKnownOrganisations()
        self.needs = MemoryNeeds()
