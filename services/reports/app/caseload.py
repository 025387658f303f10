"""Reports use cases for the consultation caseload (operators read it)."""
from dataclasses import dataclass

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.caseload import Caseload


@dataclass(frozen=True)
class CaseloadQuery:
    from_month: str | None = None
    to_month: str | None = None


def on_consultation_opened(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.caseload.opened(payload["consultation_id"], payload["channel"], payload["topics"],
                        payload["opened_at"])


def on_consultation_status_changed(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.caseload.status_changed(payload["consultation_id"], payload["status"],
                                payload["topics"], payload["changed_at"])


def on_consultation_followed_up(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.caseload.count(payload["consultation_id"], "follow_ups", payload["followed_up_at"])


def on_consultation_referred(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.caseload.count(payload["consultation_id"], "referrals", payload["referred_at"])


def caseload(uow: ReportsUnitOfWork, actor: Actor, query: CaseloadQuery) -> Caseload:
    if not actor.is_operator:
        raise Forbidden("相談の集計は運営者のみ / operators only")
    with uow:
        return uow.caseload.caseload(query.from_month, query.to_month)
