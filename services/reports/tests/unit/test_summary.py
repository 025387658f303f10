import uuid

from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.unit_of_work import MemoryUnitOfWork
from services.reports.app import summary


class MemoryFacts:
    def __init__(self):
        self.organisations, self.needs, self.statuses = {}, {}, {}

    def record_organisation(self, organisation_id, region, status="verified"):
        assert organisation_id not in self.organisations, "primary key would refuse a duplicate"
        self.organisations[organisation_id] = region
        self.statuses[organisation_id] = status

    def change_organisation(self, organisation_id, region=None, status=None):
        if organisation_id not in self.organisations:
            return
        if region:
            self.organisations[organisation_id] = region
        if status:
            self.statuses[organisation_id] = status

    def verified_by_region(self):
        return _count({o: r for o, r in self.organisations.items()
                       if self.statuses[o] == "verified"})

    def record_need(self, need_id, organisation_id, region):
        assert need_id not in self.needs, "primary key would refuse a duplicate"
        self.needs[need_id] = region

    def organisations_by_region(self):
        return _count(self.organisations)

    def needs_by_region(self):
        return _count(self.needs)


def _count(regions_by_id):
    counts = {}
    for region in regions_by_id.values():
        counts[region] = counts.get(region, 0) + 1
    return counts


class FakeReportsUnitOfWork(MemoryUnitOfWork):
    def __init__(self):
        super().__init__()
        self.facts = MemoryFacts()


def deliver(uow, event_type, payload):
    envelope = Envelope(event_type, 1, event_type.split(".")[0], payload, "corr").as_dict()
    return apply_once(uow, envelope, payload, summary.EVENT_HANDLERS[event_type])


def test_counts_per_region_and_in_total_from_events():
    uow = FakeReportsUnitOfWork()
    orgs = [str(uuid.uuid4()) for _ in range(3)]
    for org, region in zip(orgs, ["yu", "yu", "nishiki"]):
        deliver(uow, "registry.organisation_registered", {"organisation_id": org, "region": region})
    deliver(uow, "matching.need_posted", {"need_id": str(uuid.uuid4()), "organisation_id": orgs[2],
                                          "region": "nishiki"})
    result = summary.summary(uow)
    assert [(r.region, r.organisations, r.needs) for r in result.regions] == [
        ("nishiki", 1, 1), ("yu", 2, 0)]
    assert (result.total_organisations, result.total_needs) == (3, 1)


def test_regions_are_whatever_the_events_say_not_a_fixed_list():
    uow = FakeReportsUnitOfWork()
    deliver(uow, "registry.organisation_registered", {"organisation_id": "o", "region": "hagi-east"})
    assert [r.region for r in summary.summary(uow).regions] == ["hagi-east"]


def test_review_and_updates_move_the_verified_count_and_the_region():
    uow = FakeReportsUnitOfWork()
    pending, other = str(uuid.uuid4()), str(uuid.uuid4())
    deliver(uow, "registry.organisation_registered",
            {"organisation_id": pending, "region": "yu", "status": "pending"})
    deliver(uow, "registry.organisation_registered",
            {"organisation_id": other, "region": "yu", "status": "pending"})
    assert [(r.organisations, r.verified_organisations) for r in summary.summary(uow).regions] == [
        (2, 0)]
    deliver(uow, "registry.organisation_verified", {"organisation_id": pending})
    deliver(uow, "registry.organisation_rejected", {"organisation_id": other})
    deliver(uow, "registry.organisation_updated", {"organisation_id": pending, "region": "miwa",
                                                   "kind": "npo", "fields": [], "status": "verified"})
    assert [(r.region, r.organisations, r.verified_organisations)
            for r in summary.summary(uow).regions] == [("miwa", 1, 1), ("yu", 1, 0)]
