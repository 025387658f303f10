"""The e-回覧板 in SQL: registry's facts (kinds, member households) and circulars with their
per-household receipts."""
from datetime import datetime

from sqlalchemy import delete, func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.sql_upserts import replace_later
from services.common.timestamps import as_utc
from services.notifications.adapters.tables import (circular_receipts, circulars,
                                                    member_households, organisation_kinds)
from services.notifications.domain.circular import Circular, HouseholdReceipt, MemberHousehold


class SqlMembershipRepository:
    def __init__(self, session: Session):
        self._session = session

    def set_kind(self, organisation_id: str, kind: str) -> None:
        # Every registered organisation comes through here: a batch of them is one executemany.
        replace_later(self._session, organisation_kinds, {"organisation_id": organisation_id, "kind": kind})

    def kind_of(self, organisation_id: str) -> str | None:
        return self._session.execute(select(organisation_kinds.c.kind).where(
            organisation_kinds.c.organisation_id == organisation_id)).scalar()

    def add_household(self, household: MemberHousehold) -> None:
        if not self._session.execute(select(member_households.c.entry_id).where(
                member_households.c.entry_id == household.entry_id)).first():
            self._session.execute(insert(member_households).values(household.__dict__))

    def remove_household(self, entry_id: str) -> None:
        self._session.execute(delete(member_households).where(
            member_households.c.entry_id == entry_id))

    def households_of(self, organisation_id: str) -> list[MemberHousehold]:
        rows = self._session.execute(select(member_households).where(
            member_households.c.organisation_id == organisation_id)
            .order_by(member_households.c.entry_id))
        return [MemberHousehold(**row._mapping) for row in rows]

    def forget_person(self, person_id: str) -> int:
        return self._session.execute(update(member_households).where(
            member_households.c.person_id == person_id).values(person_id=None)).rowcount


class SqlCircularRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, circular: Circular, receipts: list[HouseholdReceipt]) -> None:
        self._session.execute(insert(circulars).values(circular.__dict__))
        if receipts:
            self._session.execute(insert(circular_receipts), [r.__dict__ for r in receipts])

    def get(self, circular_id: str) -> Circular | None:
        row = self._session.execute(select(circulars).where(circulars.c.id == circular_id)).first()
        return _circular(row) if row else None

    def sent_by(self, organisation_id: str | None, after: list | None,
                limit: int) -> list[Circular]:
        c = circulars.c
        query = select(circulars).order_by(c.sent_at.desc(), c.id.desc()).limit(limit)
        if organisation_id is not None:
            query = query.where(c.organisation_id == organisation_id)
        if after:
            query = query.where(tuple_(c.sent_at, c.id) < (datetime.fromisoformat(after[0]), after[1]))
        return [_circular(row) for row in self._session.execute(query)]

    def read_counts(self, circular_ids: list[str]) -> dict[str, tuple[int, int, int]]:
        r = circular_receipts.c
        rows = self._session.execute(
            select(r.circular_id, func.count(), func.count(r.read_at),
                   func.count() - func.count(r.person_id))
            .where(r.circular_id.in_(circular_ids)).group_by(r.circular_id))
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def receipts(self, circular_id: str) -> list[HouseholdReceipt]:
        rows = self._session.execute(select(circular_receipts).where(
            circular_receipts.c.circular_id == circular_id).order_by(circular_receipts.c.entry_id))
        return [HouseholdReceipt(**{**row._mapping,
                                    "read_at": as_utc(row.read_at) if row.read_at else None})
                for row in rows]

    def save_receipts(self, receipts: list[HouseholdReceipt]) -> None:
        r = circular_receipts.c
        for receipt in receipts:
            self._session.execute(update(circular_receipts).where(
                r.circular_id == receipt.circular_id, r.entry_id == receipt.entry_id)
                .values(read_at=receipt.read_at, person_id=receipt.person_id))

    def mark_all_read_of(self, person_id: str, now: datetime) -> int:
        r = circular_receipts.c
        return self._session.execute(update(circular_receipts).where(
            r.person_id == person_id, r.read_at.is_(None)).values(read_at=now)).rowcount

    def forget_person(self, person_id: str) -> int:
        return self._session.execute(update(circular_receipts).where(
            circular_receipts.c.person_id == person_id).values(person_id=None)).rowcount


def _circular(row) -> Circular:
    return Circular(**{**row._mapping, "sent_at": as_utc(row.sent_at)})
