"""Erasure of a person on request (APPI): everything notifications keeps for the recipient
behind their citizen key (its subject) goes: addresses, preferences, inbox, deliveries, webhooks.
Their household stays on its association's circulars as a paper one: counts kept, no person."""
import logging

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.notifications.app.ports import NotificationsUnitOfWork

log = logging.getLogger(__name__)


def erase_person(uow: NotificationsUnitOfWork, actor: Actor, person_id: str) -> dict[str, int]:
    """Idempotent: a repeat finds nothing left and answers zero counts."""
    if not actor.is_operator:
        raise Forbidden("個人データの消去は運営者のみ / only operators erase a person's data")
    with uow:
        erased = uow.personal_data.erase_recipient(f"citizen:{person_id}")
        erased["member_households"] = uow.memberships.forget_person(person_id)
        erased["circular_receipts"] = uow.circulars.forget_person(person_id)
        uow.commit()
    log.info("audit: personal data erased",
             extra={"audit": True, "key_id": actor.key_id, "role": actor.role, "erased": erased})
    return erased
