"""What matching does with registry's events: keep the organisations and room bookings it knows up to date.

Each handler takes (unit of work, the event's id, its payload as `CONSUMED` loaded it).
"""
from dataclasses import replace

from services.common.event_handling import EventHandler
from services.matching.app.gatherings import on_booking_changed
from services.matching.app.ports import MatchingUnitOfWork
from services.matching.domain.need import KnownOrganisation


def on_organisation_registered(uow: MatchingUnitOfWork, event_id: str, payload: dict) -> None:
    uow.organisations.save(KnownOrganisation(
        organisation_id=payload["organisation_id"], region=payload["region"],
        fields=payload["fields"], status=payload["status"], kind=payload.get("kind"),
        founded_year=payload.get("founded_year"), legal_form=payload.get("legal_form")))


def _status_change(status: str) -> EventHandler:
    def handler(uow: MatchingUnitOfWork, event_id: str, payload: dict) -> None:
        known = uow.organisations.get(payload["organisation_id"])
        if known is None:
            # Verified before we heard it was registered: keep the status, facts follow.
            known = KnownOrganisation(payload["organisation_id"], region="", fields=[], status=status)
        uow.organisations.save(replace(known, status=status))
    return handler


EVENT_HANDLERS: dict[str, EventHandler] = {
    "registry.organisation_registered": on_organisation_registered,
    "registry.organisation_updated": on_organisation_registered,
    "registry.organisation_verified": _status_change("verified"),
    "registry.organisation_rejected": _status_change("rejected"),
    **{f"registry.booking_{change}": on_booking_changed
       for change in ("requested", "confirmed", "declined", "cancelled")},
}
