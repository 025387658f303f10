"""Needs in SQL; a slot is taken by a conditional UPDATE, so the database never over-fills one."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.matching.adapters.tables import needs
from services.matching.app.ports import NeedFilter
from services.matching.domain.need import OPEN, Need
from services.matching.domain.need_schedule import NeedSchedule

_NEED_COLUMNS = ("id", "organisation_id", "title", "description", "kind", "region", "fields",
                 "slots", "status", "posted_at", "required_skills", "preferred_skills", "online",
                 "youth_friendly", "first_step", "effort_hours", "filled")
# Built once: every candidates request reads its need (building the select per call cost more
# Python than running it).
_BY_ID = select(needs).where(needs.c.id == bindparam("need_id"))


class SqlNeedRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, need: Need) -> None:
        self._session.execute(insert(needs).values(
            {**{c: getattr(need, c) for c in _NEED_COLUMNS}, "schedule": need.schedule.as_dict()}))

    def save(self, need: Need) -> None:
        """Its status; slots change only through take_slot and release_slot."""
        self._session.execute(update(needs).where(needs.c.id == need.id).values(status=need.status))

    def get(self, need_id: str) -> Need | None:
        row = self._session.execute(_BY_ID, {"need_id": need_id}).first()
        return _need(row) if row else None

    def list(self, query: NeedFilter) -> list[Need]:
        statement = select(needs).order_by(needs.c.posted_at, needs.c.id).limit(query.limit)
        if query.organisation_id:
            statement = statement.where(needs.c.organisation_id == query.organisation_id)
        if query.region:
            statement = statement.where(needs.c.region == query.region)
        if query.status:
            statement = statement.where(needs.c.status == query.status)
        if query.after:
            statement = statement.where(tuple_(needs.c.posted_at, needs.c.id)
                                        > (datetime.fromisoformat(query.after[0]), query.after[1]))
        return [_need(row) for row in self._session.execute(statement)]

    def open_needs(self) -> list[Need]:
        statement = select(needs).where(needs.c.status == OPEN).order_by(needs.c.id)
        return [_need(row) for row in self._session.execute(statement)]

    def take_slot(self, need_id: str) -> bool:
        """One slot, if one is free: the database decides, so concurrent accepts never over-fill."""
        taken = self._session.execute(update(needs).where(
            needs.c.id == need_id, needs.c.filled < needs.c.slots).values(filled=needs.c.filled + 1))
        return taken.rowcount == 1

    def release_slot(self, need_id: str) -> None:
        self._session.execute(update(needs).where(needs.c.id == need_id, needs.c.filled > 0)
                              .values(filled=needs.c.filled - 1))


def _need(row) -> Need:
    data = dict(row._mapping)
    data["posted_at"] = as_utc(data["posted_at"])
    data["schedule"] = NeedSchedule.from_dict(data["schedule"])
    return Need(**data)
