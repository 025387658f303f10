"""Reports' network figures, from registry's tie and roster events."""
import uuid

from services.reports.app.networks import network_figures
from services.reports.tests.events import deliver
from services.reports.tests.fakes import MemoryReportsUnitOfWork


def test_ties_and_roster_entries_come_and_go_with_their_events():
    uow = MemoryReportsUnitOfWork()
    a, b, c = (str(uuid.uuid4()) for _ in range(3))
    kept, removed = str(uuid.uuid4()), str(uuid.uuid4())
    for tie, related, kind in ((kept, b, "partner_of"), (removed, c, "member_of")):
        deliver(uow, "registry.organisation_tie_declared", {
            "tie_id": tie, "organisation_id": a, "related_organisation_id": related, "kind": kind})
    deliver(uow, "registry.organisation_tie_removed", {
        "tie_id": removed, "organisation_id": a, "related_organisation_id": c, "kind": "member_of"})
    entry = str(uuid.uuid4())
    deliver(uow, "registry.roster_entry_added", {"entry_id": entry, "organisation_id": a,
                                                 "role": "member"})
    deliver(uow, "registry.roster_entry_added", {"entry_id": str(uuid.uuid4()),
                                                 "organisation_id": b, "role": "officer"})
    deliver(uow, "registry.roster_entry_removed", {"entry_id": entry, "organisation_id": a,
                                                   "role": "member"})
    figures = network_figures(uow)
    assert (figures.ties, figures.ties_by_kind, figures.connected_organisations) == (
        1, {"partner_of": 1}, 2)
    assert (figures.roster_entries_by_role, figures.organisations_with_rosters) == (
        {"officer": 1}, 1)
