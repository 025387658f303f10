"""Erasure: a person deletes their own talent profile; an operator erases everything matching
holds of a person on request (APPI). Both remove the same data (ports.PersonalDataRepository)."""
import logging
import uuid

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.matching.app.ports import MatchingUnitOfWork

log = logging.getLogger(__name__)


def _erase(uow: MatchingUnitOfWork, actor: Actor, person_id: str) -> dict[str, int]:
    # A fresh alias each time: matches keep counting, yet nothing links them back to the person.
    erased = uow.personal_data.erase_person(person_id, str(uuid.uuid4()))
    uow.commit()
    log.info("audit: personal data erased",
             extra={"audit": True, "key_id": actor.key_id, "role": actor.role, "erased": erased})
    return erased


def erase_person(uow: MatchingUnitOfWork, actor: Actor, person_id: str) -> dict[str, int]:
    """Idempotent: a repeat finds nothing left and answers zero counts."""
    if not actor.is_operator:
        raise Forbidden("個人データの消去は運営者のみ / only operators erase a person's data")
    with uow:
        return _erase(uow, actor, person_id)


def delete_own_profile(uow: MatchingUnitOfWork, actor: Actor, talent_id: str) -> dict[str, int]:
    if not (actor.is_operator or (actor.role == "citizen" and actor.subject_id == talent_id)):
        raise Forbidden("削除できるのは本人と運営者です / only the person or an operator deletes a profile")
    with uow:
        if uow.talents.get(talent_id) is None:
            raise NotFound(f"プロフィールがありません / no talent {talent_id}")
        return _erase(uow, actor, talent_id)
