"""The organiser changes or cancels a gathering before it starts.

A smaller capacity never goes below the seats taken (the store decides, as for sign-ups); a
larger one offers the freed places to the waitlist in order. Cancelling ends every active
sign-up with the organiser's reason, so notifications tells each participant.
"""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Conflict, invalid
from services.matching.app.gatherings import (GatheringView, end_sign_ups, fill_freed_places, find_gathering,
                                              require_organiser)
from services.matching.app.ports import MatchingUnitOfWork
from services.matching.domain.gatherings import ACTIVE_SIGN_UPS

CHANGEABLE = ("title", "description", "capacity", "signup_opens", "signup_closes")


@dataclass(frozen=True)
class UpdateGathering:
    gathering_id: str
    title: str | None = None
    description: str | None = None
    capacity: int | None = None
    signup_opens: datetime | None = None
    signup_closes: datetime | None = None


def update_gathering(uow: MatchingUnitOfWork, actor: Actor, command: UpdateGathering) -> GatheringView:
    changes = {name: getattr(command, name) for name in CHANGEABLE if getattr(command, name) is not None}
    if not changes:
        raise invalid(title=f"変更する項目を指定してください / name a field to change: {', '.join(CHANGEABLE)}")
    with uow:
        gathering = find_gathering(uow, command.gathering_id)
        require_organiser(actor, gathering)
        now = datetime.now(timezone.utc)
        changed = gathering.update(changes, now)
        if not changed:
            return GatheringView(gathering, True)
        if "capacity" in changed and not uow.gatherings.resize(gathering.id, gathering.capacity):
            raise Conflict("申込済みの席数より少なくできません / capacity cannot go below the seats already taken")
        active = [s for s in uow.sign_ups.for_gathering(gathering.id) if s.status in ACTIVE_SIGN_UPS]
        gathering.announce_update(changed, active)
        uow.gatherings.save(gathering)
        if "capacity" in changed:
            fill_freed_places(uow, gathering, now)
        uow.commit()
        return GatheringView(find_gathering(uow, gathering.id), True)


def cancel_gathering(uow: MatchingUnitOfWork, actor: Actor, gathering_id: str, reason: str) -> GatheringView:
    with uow:
        gathering = find_gathering(uow, gathering_id)
        require_organiser(actor, gathering)
        ending = gathering.call_off(reason, datetime.now(timezone.utc))
        end_sign_ups(uow, gathering, ending)
        uow.gatherings.save(gathering)
        uow.commit()
        return GatheringView(find_gathering(uow, gathering.id), True)
