"""Taking and freeing a need's slots: the store decides (never over-filled), and the need says
when that closed it (its last slot) or opened it again (a slot freed on a full need)."""
from services.matching.app.ports import MatchingUnitOfWork


def take_slot(uow: MatchingUnitOfWork, need_id: str) -> bool:
    if not uow.needs.take_slot(need_id):
        return False
    need = uow.needs.get(need_id)
    need.slot_taken()
    uow.needs.save(need)
    return True


def release_slot(uow: MatchingUnitOfWork, need_id: str) -> None:
    before = uow.needs.get(need_id)
    uow.needs.release_slot(need_id)
    need = uow.needs.get(need_id)
    need.slot_freed(was_full=before.free_slots == 0)
    uow.needs.save(need)
