import uuid

from services.reports.app import summary
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork


def test_counts_per_region_and_in_total_from_events():
    uow = MemoryReportsUnitOfWork()
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
    uow = MemoryReportsUnitOfWork()
    deliver(uow, "registry.organisation_registered",
            {"organisation_id": str(uuid.uuid4()), "region": "hagi-east"})
    assert [r.region for r in summary.summary(uow).regions] == ["hagi-east"]


def test_review_and_updates_move_the_verified_count_and_the_region():
    uow = MemoryReportsUnitOfWork()
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
