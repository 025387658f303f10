"""Reports use cases for network figures, from registry's tie events."""
from services.reports.domain.networks import NetworkFigures, figures


def on_tie_declared(uow, payload: dict) -> None:
    uow.ties.declared(str(payload["tie_id"]), str(payload["organisation_id"]),
                      str(payload["related_organisation_id"]), payload["kind"])


def on_tie_removed(uow, payload: dict) -> None:
    uow.ties.removed(str(payload["tie_id"]))


def on_roster_entry_added(uow, payload: dict) -> None:
    uow.ties.roster_added(str(payload["entry_id"]), str(payload["organisation_id"]),
                          payload["role"])


def on_roster_entry_removed(uow, payload: dict) -> None:
    uow.ties.roster_removed(str(payload["entry_id"]))


def network_figures(uow) -> NetworkFigures:
    with uow:
        return figures(uow.ties.all(), uow.ties.roster())


EVENT_HANDLERS = {
    "registry.organisation_tie_declared": on_tie_declared,
    "registry.organisation_tie_removed": on_tie_removed,
    "registry.roster_entry_added": on_roster_entry_added,
    "registry.roster_entry_removed": on_roster_entry_removed,
}
