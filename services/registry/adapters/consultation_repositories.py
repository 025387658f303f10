"""SQLAlchemy repository for consultations."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.registry.adapters.tables import consultation_topics, consultations
from services.registry.app.consultations import ConsultationFilter
from services.registry.domain.consultation import Consultation, FollowUp, Referral


class SqlConsultationRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, consultation: Consultation) -> None:
        self._session.execute(insert(consultations).values(_row(consultation)))
        self._topics(consultation)

    def save(self, consultation: Consultation) -> None:
        row = _row(consultation)
        self._session.execute(update(consultations).where(consultations.c.id == consultation.id)
                              .values({k: v for k, v in row.items() if k != "id"}))
        self._session.execute(delete(consultation_topics).where(
            consultation_topics.c.consultation_id == consultation.id))
        self._topics(consultation)

    def get(self, consultation_id: str) -> Consultation | None:
        row = self._session.execute(select(consultations).where(
            consultations.c.id == consultation_id)).first()
        return _consultation(row) if row else None

    def list(self, query: ConsultationFilter) -> list[Consultation]:
        c = consultations.c
        statement = select(consultations).order_by(c.opened_at, c.id).limit(query.limit)
        for name in ("status", "organisation_id", "coordinator"):
            if getattr(query, name):
                statement = statement.where(c[name] == getattr(query, name))
        if query.topic:
            topic = consultation_topics.c
            statement = statement.where(c.id.in_(
                select(topic.consultation_id).where(topic.topic == query.topic)))
        if query.after:
            statement = statement.where(tuple_(c.opened_at, c.id) > (
                datetime.fromisoformat(query.after[0]), query.after[1]))
        return [_consultation(row) for row in self._session.execute(statement)]

    def _topics(self, consultation: Consultation) -> None:
        self._session.execute(insert(consultation_topics), [
            {"topic": t, "consultation_id": consultation.id} for t in consultation.topics])


def _row(c: Consultation) -> dict:
    return {"id": c.id, "channel": c.channel, "topics": list(c.topics), "status": c.status,
            "opened_at": c.opened_at, "organisation_id": c.organisation_id, "person": c.person,
            "notes": c.notes, "coordinator": c.coordinator, "updated_at": c.updated_at,
            "follow_ups": [{"at": f.at.isoformat(), "note": f.note, "by": f.by}
                           for f in c.follow_ups],
            "referrals": [{"organisation_id": r.organisation_id, "note": r.note,
                           "at": r.at.isoformat()} for r in c.referrals]}


def _consultation(row) -> Consultation:
    data = dict(row._mapping)
    data["opened_at"] = as_utc(data["opened_at"])
    data["updated_at"] = as_utc(data["updated_at"]) if data["updated_at"] else None
    data["follow_ups"] = [FollowUp(datetime.fromisoformat(f["at"]), f["note"], f["by"])
                          for f in data["follow_ups"]]
    data["referrals"] = [Referral(r["organisation_id"], r["note"], datetime.fromisoformat(r["at"]))
                         for r in data["referrals"]]
    return Consultation(**data)
