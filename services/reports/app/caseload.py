"""Reports use cases for the consultation caseload (operators read it)."""
from dataclasses import dataclass

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.reports.domain.caseload import Caseload


@dataclass(frozen=True)
class CaseloadQuery:
    from_month: str | None = None
    to_month: str | None = None


def on_consultation_opened(uow, payload: dict) -> None:
    uow.caseload.opened(str(payload["consultation_id"]), payload["channel"], payload["topics"],
                        payload["opened_at"])


def on_consultation_status_changed(uow, payload: dict) -> None:
    uow.caseload.status_changed(str(payload["consultation_id"]), payload["status"],
                                payload["topics"], payload["changed_at"])


def on_consultation_followed_up(uow, payload: dict) -> None:
    uow.caseload.count(str(payload["consultation_id"]), "follow_ups", payload["followed_up_at"])


def on_consultation_referred(uow, payload: dict) -> None:
    uow.caseload.count(str(payload["consultation_id"]), "referrals", payload["referred_at"])


def caseload(uow, actor: Actor, query: CaseloadQuery) -> Caseload:
    if not actor.is_operator:
        raise Forbidden("相談の集計は運営者のみ / operators only")
    with uow:
        return uow.caseload.caseload(query.from_month, query.to_month)


EVENT_HANDLERS = {
    "registry.consultation_opened": on_consultation_opened,
    "registry.consultation_status_changed": on_consultation_status_changed,
    "registry.consultation_followed_up": on_consultation_followed_up,
    "registry.consultation_referred": on_consultation_referred,
}
