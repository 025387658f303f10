"""Staff invitations in SQL."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.matching.adapters.tables import staff_invitations
from services.matching.domain.staff_invitation import StaffInvitation


class SqlStaffInvitationRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, invitation: StaffInvitation) -> None:
        self._session.execute(insert(staff_invitations).values(asdict(invitation)))

    def save(self, invitation: StaffInvitation) -> None:
        self._session.execute(update(staff_invitations).where(staff_invitations.c.id == invitation.id)
                              .values(status=invitation.status, answered_at=invitation.answered_at))

    def get(self, invitation_id: str) -> StaffInvitation | None:
        row = self._session.execute(
            select(staff_invitations).where(staff_invitations.c.id == invitation_id)).first()
        return _invitation(row) if row else None

    def list(self, partner_id: str | None, person_id: str | None, status: str | None, after: list | None,
             limit: int) -> list[StaffInvitation]:
        table = staff_invitations
        statement = select(table).order_by(table.c.created_at, table.c.id).limit(limit)
        for column, value in ((table.c.partner_id, partner_id), (table.c.person_id, person_id),
                              (table.c.status, status)):
            if value:
                statement = statement.where(column == value)
        if after:
            statement = statement.where(tuple_(table.c.created_at, table.c.id)
                                        > (datetime.fromisoformat(after[0]), after[1]))
        return [_invitation(row) for row in self._session.execute(statement)]


def _invitation(row) -> StaffInvitation:
    data = dict(row._mapping)
    data["created_at"] = as_utc(data["created_at"])
    data["answered_at"] = as_utc(data["answered_at"]) if data["answered_at"] else None
    return StaffInvitation(**data)
