"""Erasure of a person on request (APPI): registry holds a person's name and contacts in the
rosters that list them (linked by their citizen key's subject), removed with the same events as
any removal so read models stay right, and the newcomer interests their citizen key registered."""
import logging
from dataclasses import replace

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.registry.app.ports import RegistryUnitOfWork
from services.registry.domain import roster

log = logging.getLogger(__name__)


def erase_person(uow: RegistryUnitOfWork, actor: Actor, person_id: str) -> dict[str, int]:
    """Idempotent: a repeat finds nothing left and answers zero counts."""
    if not actor.is_operator:
        raise Forbidden("個人データの消去は運営者のみ / only operators erase a person's data")
    with uow:
        entries = uow.rosters.of_person(person_id)
        for entry in entries:
            uow.rosters.remove(entry.id)
            # The removal says whose entry it was for no one: the person is being erased.
            uow.emit(roster.removed(replace(entry, person_id=None)))
        interests = uow.associations.remove_interests_of(f"citizen:{person_id}")
        uow.commit()
    erased = {"roster_entries": len(entries), "newcomer_interests": interests}
    log.info("audit: personal data erased",
             extra={"audit": True, "key_id": actor.key_id, "role": actor.role, "erased": erased})
    return erased
