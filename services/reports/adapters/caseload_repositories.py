"""SQLAlchemy read model of the consultation caseload."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.reports.adapters.tables import consultation_facts
from services.reports.domain.caseload import Caseload, CaseloadRow


class SqlCaseloadRepository:
    def __init__(self, session: Session):
        self._session = session

    def _get(self, consultation_id: str):
        return self._session.execute(select(consultation_facts).where(
            consultation_facts.c.consultation_id == consultation_id)).first()

    def opened(self, consultation_id: str, channel: str, topics: list[str],
               opened_at: datetime) -> None:
        opened_at = _utc(opened_at)
        row = self._get(consultation_id)
        if row is None:
            self._session.execute(insert(consultation_facts).values(
                consultation_id=consultation_id, month=opened_at.strftime("%Y-%m"),
                channel=channel, status="open", status_at=opened_at, topics=list(topics),
                follow_ups=0, referrals=0))
        else:  # a later event came first: fill in what only the opening knows
            self._session.execute(update(consultation_facts).where(
                consultation_facts.c.consultation_id == consultation_id).values(
                month=opened_at.strftime("%Y-%m"), channel=channel))

    def status_changed(self, consultation_id: str, status: str, topics: list[str],
                       changed_at: datetime) -> None:
        changed_at = _utc(changed_at)
        row = self._get(consultation_id)
        if row is None:
            self._session.execute(insert(consultation_facts).values(
                consultation_id=consultation_id, month=changed_at.strftime("%Y-%m"), channel="",
                status=status, status_at=changed_at, topics=list(topics), follow_ups=0,
                referrals=0))
        elif changed_at >= _utc(row.status_at):
            self._session.execute(update(consultation_facts).where(
                consultation_facts.c.consultation_id == consultation_id).values(
                status=status, status_at=changed_at, topics=list(topics)))

    def count(self, consultation_id: str, column: str, at: datetime) -> None:
        row = self._get(consultation_id)
        if row is None:
            at = _utc(at)
            self._session.execute(insert(consultation_facts).values(
                consultation_id=consultation_id, month=at.strftime("%Y-%m"), channel="",
                status="open", status_at=datetime(1970, 1, 1, tzinfo=timezone.utc), topics=[],
                follow_ups=0, referrals=0))
            row = self._get(consultation_id)
        self._session.execute(update(consultation_facts).where(
            consultation_facts.c.consultation_id == consultation_id).values(
            {column: getattr(row, column) + 1}))

    def caseload(self, from_month: str | None, to_month: str | None) -> Caseload:
        statement = select(consultation_facts)
        if from_month:
            statement = statement.where(consultation_facts.c.month >= from_month)
        if to_month:
            statement = statement.where(consultation_facts.c.month <= to_month)
        rows = list(self._session.execute(statement))
        cells = Counter((r.month, topic, r.status) for r in rows for topic in (r.topics or ["-"]))
        return Caseload(
            rows=[CaseloadRow(m, t, s, n) for (m, t, s), n in sorted(cells.items())],
            by_status=dict(Counter(r.status for r in rows)),
            by_channel=dict(Counter(r.channel for r in rows if r.channel)),
            follow_ups=sum(r.follow_ups for r in rows), referrals=sum(r.referrals for r in rows))


def _utc(value: datetime) -> datetime:
    """Months are UTC months; SQLite hands datetimes back without a zone."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(
        timezone.utc)
