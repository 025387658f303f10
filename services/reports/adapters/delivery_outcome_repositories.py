"""Delivery outcomes in SQL: one row per delivery (its latest final outcome), counted by day."""
from datetime import date

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.orm import Session

from services.reports.adapters.tables import delivery_outcomes
from services.reports.domain.delivery_outcomes import (DELIVERED, FAILED, DeliveryCount,
                                                       DeliveryOutcome)


class SqlDeliveryOutcomeRepository:
    def __init__(self, session: Session):
        self._session = session

    def record(self, outcome: DeliveryOutcome) -> None:
        table = delivery_outcomes
        values = {"channel": outcome.channel, "kind": outcome.kind, "outcome": outcome.outcome,
                  "day": outcome.day, "attempts": outcome.attempts}
        changed = self._session.execute(update(table).where(
            table.c.delivery_id == outcome.delivery_id).values(**values)).rowcount
        if not changed:
            self._session.execute(insert(table).values(delivery_id=outcome.delivery_id, **values))

    def counts(self, first: date, last: date) -> list[DeliveryCount]:
        table = delivery_outcomes
        statement = (select(table.c.day, table.c.channel, table.c.kind,
                            func.sum(case((table.c.outcome == DELIVERED, 1), else_=0)),
                            func.sum(case((table.c.outcome == FAILED, 1), else_=0)))
                     .where(table.c.day >= first, table.c.day <= last)
                     .group_by(table.c.day, table.c.channel, table.c.kind)
                     .order_by(table.c.day, table.c.channel, table.c.kind))
        return [DeliveryCount(day, channel, kind, int(delivered), int(failed))
                for day, channel, kind, delivered, failed in self._session.execute(statement)]
