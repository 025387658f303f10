"""Who was shown as a candidate for which need, and when, in SQL."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from services.matching.adapters.tables import impressions


class SqlImpressionRepository:
    def __init__(self, session: Session):
        self._session = session

    def record(self, shown: list[tuple[str, str, datetime]]) -> None:
        if shown:
            self._session.execute(insert(impressions), [
                {"talent_id": talent_id, "need_id": need_id, "shown_at": at} for talent_id, need_id, at in shown])

    def counts_since(self, since: datetime) -> dict[str, int]:
        statement = (select(impressions.c.talent_id, func.count())
                     .where(impressions.c.shown_at >= since).group_by(impressions.c.talent_id))
        return dict(self._session.execute(statement).all())
