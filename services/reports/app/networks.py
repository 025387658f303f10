"""Reports use cases for network figures, from registry's tie and roster events."""
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.networks import NetworkFigures, figures


def on_tie_declared(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.networks.declared(payload["tie_id"], payload["organisation_id"],
                          payload["related_organisation_id"], payload["kind"])


def on_tie_removed(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.networks.removed(payload["tie_id"])


def on_roster_entry_added(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.networks.roster_added(payload["entry_id"], payload["organisation_id"], payload["role"])


def on_roster_entry_removed(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.networks.roster_removed(payload["entry_id"])


def network_figures(uow: ReportsUnitOfWork) -> NetworkFigures:
    with uow:
        return figures(uow.networks.all(), uow.networks.roster())
