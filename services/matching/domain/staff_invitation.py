"""A business invites a person to be offered as its staff; the person accepts or declines.

A staff profile needs both consents: the business's (it issues the invitation for one of its
staff-time or expertise offers) and the person's (the citizen key named by the invitation
accepts it). Until then the person is not the business's staff and no CSR ledger credits it.
"""
from dataclasses import dataclass, replace
from datetime import datetime

from services.common.errors import Conflict
from services.matching.contract.vocabulary import INVITATION_PENDING


@dataclass(frozen=True)
class StaffInvitation:
    id: str
    offer_id: str
    partner_id: str
    person_id: str
    status: str
    created_at: datetime
    answered_at: datetime | None = None


def answered(invitation: StaffInvitation, status: str, now: datetime) -> StaffInvitation:
    """An invitation is answered once; answering it again the same way is a retry."""
    if invitation.status == status:
        return invitation
    if invitation.status != INVITATION_PENDING:
        raise Conflict(f"この招待は既に回答済みです / the invitation is already {invitation.status}")
    return replace(invitation, status=status, answered_at=now)
