"""Offers' fulfilments in SQL: one row per offer, the primary key keeps it once."""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.common.errors import Conflict
from services.common.timestamps import as_utc
from services.matching.adapters.tables import offer_fulfilments
from services.matching.domain.offer_fulfilment import Fulfilment

_COLUMNS = ("offer_id", "organisation_id", "kind", "quantity", "unit", "value_yen", "value_basis", "need_id",
            "recipient_id", "region", "people_reached", "fulfilled_on", "recorded_at")


class SqlFulfilmentRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, fulfilment: Fulfilment) -> None:
        try:
            self._session.execute(insert(offer_fulfilments).values(
                {c: getattr(fulfilment, c) for c in _COLUMNS}))
        except IntegrityError as error:  # a concurrent request recorded it first
            raise Conflict("この提供の実績は記録済みです / this offer's fulfilment was already recorded") from error

    def get(self, offer_id: str) -> Fulfilment | None:
        row = self._session.execute(
            select(offer_fulfilments).where(offer_fulfilments.c.offer_id == offer_id)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        data["recorded_at"] = as_utc(data["recorded_at"])
        return Fulfilment(**data)
