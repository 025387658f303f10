"""The public partner directory: a business consents (here or with a survey answer) and is
listed; it withdraws and the listing is gone at once. Nothing unconsented is ever listed."""
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import NotFound
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.partner_directory import DirectoryEntry, Listing, entry


def consent(uow: ReportsUnitOfWork, actor: Actor, partner_id: str, display_name: str,
            message: str) -> DirectoryEntry:
    _check_owner(actor, partner_id)
    listing = Listing.consent(partner_id, display_name, message, "profile",
                              datetime.now(timezone.utc))
    with uow:
        uow.directory.save(listing)
        offers = uow.csr.offers_of(partner_id)
        uow.commit()
    return entry(listing, offers)


def withdraw(uow: ReportsUnitOfWork, actor: Actor, partner_id: str) -> None:
    _check_owner(actor, partner_id)
    with uow:
        uow.directory.remove(partner_id)
        uow.commit()


def public_directory(uow: ReportsUnitOfWork) -> list[DirectoryEntry]:
    with uow:
        return [entry(listing, uow.csr.offers_of(listing.partner_id))
                for listing in uow.directory.listed()]


def _check_owner(actor: Actor, partner_id: str) -> None:
    if actor.is_operator or (actor.role == "partner" and actor.subject_id == partner_id):
        return
    raise NotFound("見つかりません / not found")
