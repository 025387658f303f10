import uuid

from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.unit_of_work import MemoryUnitOfWork
from services.reports.app import summary


class MemoryFacts:
    def __init__(self):
        self.organisations, self.needs = {}, {}

    def record_organisation(self, organisation_id, region):
        assert organisation_id not in self.organisations, "primary key would refuse a duplicate"
        self.organisations[organisation_id] = region

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
