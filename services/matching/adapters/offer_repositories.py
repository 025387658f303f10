"""CSR offers in SQL."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.matching.adapters.tables import offers
from services.matching.domain.offer import Offer

_OFFER_COLUMNS = ("id", "organisation_id", "kind", "title", "description", "skills", "fields", "quantity",
                  "unit", "regions", "online", "starts", "ends", "status", "posted_at", "updated_at")


class SqlOfferRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, offer: Offer) -> None:
        self._session.execute(insert(offers).values({c: getattr(offer, c) for c in _OFFER_COLUMNS}))

    def save(self, offer: Offer) -> None:
        self._session.execute(update(offers).where(offers.c.id == offer.id).values(
            {c: getattr(offer, c) for c in _OFFER_COLUMNS if c != "id"}))

    def get(self, offer_id: str) -> Offer | None:
        row = self._session.execute(select(offers).where(offers.c.id == offer_id)).first()
        return _offer(row) if row else None

    def open_offers(self) -> list[Offer]:
        statement = select(offers).where(offers.c.status == "open").order_by(offers.c.id)
        return [_offer(row) for row in self._session.execute(statement)]

    def list(self, organisation_id: str | None, after: list | None, limit: int) -> list[Offer]:
        statement = select(offers).order_by(offers.c.posted_at, offers.c.id).limit(limit)
        if organisation_id:
            statement = statement.where(offers.c.organisation_id == organisation_id)
        if after:
            statement = statement.where(tuple_(offers.c.posted_at, offers.c.id)
                                        > (datetime.fromisoformat(after[0]), after[1]))
        return [_offer(row) for row in self._session.execute(statement)]


def _offer(row) -> Offer:
    data = dict(row._mapping)
    data["posted_at"], data["updated_at"] = as_utc(data["posted_at"]), as_utc(data["updated_at"])
    return Offer(**data)
