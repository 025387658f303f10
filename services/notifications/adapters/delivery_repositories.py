"""Deliveries and their attempts in SQL."""
from datetime import datetime

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.notifications.adapters.chunks import chunks
from services.notifications.adapters.tables import deliveries, delivery_attempts
from services.notifications.domain.delivery import HELD, PENDING, Attempt, Delivery

_TIMES = ("created_at", "next_attempt_at", "finished_at", "digest_due_at")


class SqlDeliveryRepository:
    def __init__(self, session: Session):
        self._session = session

    def add_new(self, delivery: Delivery) -> bool:
        """False when this delivery (same event, channel and address) is already recorded."""
        if self._session.execute(select(deliveries.c.id)
                                 .where(deliveries.c.id == delivery.id)).first():
            return False
        self._session.execute(insert(deliveries).values(_row(delivery)))
        return True

    def add_many_new(self, batch: list[Delivery]) -> int:
        """Those of `batch` not recorded yet, in one statement; how many that was."""
        ids = [d.id for d in batch]
        known = set()
        for some in chunks(ids):
            known.update(self._session.execute(select(deliveries.c.id)
                                               .where(deliveries.c.id.in_(some))).scalars())
        new = [_row(d) for d in batch if d.id not in known]
        if new:
            self._session.execute(insert(deliveries), new)
        return len(new)

    def get(self, delivery_id: str) -> Delivery | None:
        row = self._session.execute(select(deliveries).where(deliveries.c.id == delivery_id)).first()
        return _delivery(row) if row else None

    def save(self, delivery: Delivery) -> None:
        self._session.execute(update(deliveries).where(deliveries.c.id == delivery.id)
                              .values(_row(delivery)))

    def due(self, now: datetime, limit: int) -> list[Delivery]:
        rows = self._session.execute(
            select(deliveries).where(deliveries.c.status == PENDING,
                                     deliveries.c.next_attempt_at <= now)
            .order_by(deliveries.c.next_attempt_at, deliveries.c.id).limit(limit))
        return [_delivery(row) for row in rows]

    def claim(self, delivery_id: str, seen_next_attempt_at: datetime, until: datetime) -> bool:
        """Compare-and-set: only the sender that saw this exact next attempt wins the claim."""
        return self._session.execute(
            update(deliveries).where(deliveries.c.id == delivery_id,
                                     deliveries.c.status == PENDING,
                                     deliveries.c.next_attempt_at == seen_next_attempt_at)
            .values(next_attempt_at=until)).rowcount == 1

    def held_due(self, now: datetime, limit: int) -> list[Delivery]:
        rows = self._session.execute(
            select(deliveries).where(deliveries.c.status == HELD, deliveries.c.digest_due_at <= now)
            .order_by(deliveries.c.digest_due_at, deliveries.c.created_at, deliveries.c.id)
            .limit(limit))
        return [_delivery(row) for row in rows]

    def count_immediate_since(self, recipient_ids: list[str], channel: str, since: datetime,
                              kinds_excluded: tuple[str, ...]) -> dict[str, int]:
        table = deliveries
        counts = {}
        for some in chunks(sorted(set(recipient_ids))):
            counts.update(self._session.execute(
                select(table.c.recipient_id, func.count()).where(
                    table.c.recipient_id.in_(some), table.c.channel == channel,
                    table.c.created_at >= since, table.c.digest_period.is_(None),
                    table.c.kind.not_in(kinds_excluded)).group_by(table.c.recipient_id)).all())
        return counts

    def for_target(self, target_id: str, after: list | None, limit: int) -> list[Delivery]:
        table = deliveries
        statement = (select(table).where(table.c.target_id == target_id)
                     .order_by(table.c.created_at.desc(), table.c.id.desc()).limit(limit))
        if after:
            statement = statement.where(tuple_(table.c.created_at, table.c.id)
                                        < (datetime.fromisoformat(after[0]), after[1]))
        return [_delivery(row) for row in self._session.execute(statement)]

    def add_attempt(self, attempt: Attempt) -> None:
        self._session.execute(insert(delivery_attempts).values(attempt.__dict__))

    def attempts_of(self, delivery_id: str) -> list[Attempt]:
        table = delivery_attempts
        rows = self._session.execute(select(table).where(table.c.delivery_id == delivery_id)
                                     .order_by(table.c.seq))
        return [Attempt(r.delivery_id, as_utc(r.attempted_at), r.outcome, r.latency_ms,
                        r.status_code, r.error) for r in rows]


def _row(delivery: Delivery) -> dict:
    return {name: getattr(delivery, name) for name in (
        "id", "recipient_id", "channel", "target_id", "source_id", "kind", "content", "status",
        "attempts", "next_attempt_at", "created_at", "finished_at", "last_error", "critical",
        "digest_period", "digest_due_at", "bypassed")}


def _delivery(row) -> Delivery:
    data = dict(row._mapping)
    for name in _TIMES:
        data[name] = as_utc(data[name]) if data[name] else None
    return Delivery(**data)
