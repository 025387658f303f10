"""Erasure of a person on request (APPI): reports holds no names or contacts (events carry
none), only the person's talent id in its read models; it is replaced by a fresh alias so the
ledgers' counts of volunteers stay right and nothing links back to the person."""
import logging
import uuid

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.reports.app.ports import ReportsUnitOfWork

log = logging.getLogger(__name__)


def erase_person(uow: ReportsUnitOfWork, actor: Actor, person_id: str) -> dict[str, int]:
    """Idempotent: a repeat finds nothing left and answers zero counts."""
    if not actor.is_operator:
        raise Forbidden("個人データの消去は運営者のみ / only operators erase a person's data")
    with uow:
        erased = uow.personal_data.pseudonymise_talent(person_id, str(uuid.uuid4()))
        uow.commit()
    log.info("audit: personal data erased",
             extra={"audit": True, "key_id": actor.key_id, "role": actor.role, "erased": erased})
    return erased
