"""Reports use cases: keep the facts from events, answer the summary."""
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.summary import Summary, summarise


def on_organisation_registered(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.summary.record_organisation(payload["organisation_id"], payload["region"],
                                    payload["status"])


def on_organisation_verified(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.summary.change_organisation(payload["organisation_id"], status="verified")


def on_organisation_rejected(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.summary.change_organisation(payload["organisation_id"], status="rejected")


def on_organisation_updated(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.summary.change_organisation(payload["organisation_id"], region=payload["region"],
                                    status=payload["status"])


def on_need_posted(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.summary.record_need(payload["need_id"], payload["organisation_id"], payload["region"])


def summary(uow: ReportsUnitOfWork) -> Summary:
    with uow:
        return summarise(uow.summary.organisations_by_region(), uow.summary.needs_by_region(),
                         uow.summary.verified_by_region())
