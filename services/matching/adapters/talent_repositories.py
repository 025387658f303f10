"""Talent profiles in SQL, contact details in their own columns."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.matching.adapters.tables import talents, talents_version
from services.matching.app.ports import TalentsVersion
from services.matching.domain.talent import Contact, Talent

KNOWN_CHUNK = 500  # ids per IN (…): well under SQLite's limit on bound parameters
_VERSION = select(talents_version.c.revision, talents_version.c.last_erasure).where(talents_version.c.id == 1)
_NEXT_REVISION = (update(talents_version).where(talents_version.c.id == 1)
                  .values(revision=talents_version.c.revision + 1).returning(talents_version.c.revision))
_ERASED_NOW = (update(talents_version).where(talents_version.c.id == 1)
               .values(last_erasure=talents_version.c.revision))


def revision_for_writing(session: Session) -> int:
    """The revision this transaction's talent writes carry, taken on its first one: the version
    row stays locked (PostgreSQL) or the database does (SQLite) until the transaction ends, so
    revisions become visible in the order they were taken. Taken before the talent rows are
    touched, so two writers always lock in the same order."""
    taken = session.info.get("talents_revision")
    if taken is None or taken[0] is not session.get_transaction():
        revision = session.execute(_NEXT_REVISION).scalar_one()  # begins the transaction if none had
        taken = session.info["talents_revision"] = (session.get_transaction(), revision)
    return taken[1]


def mark_talents_erased(session: Session) -> None:
    """Records that this transaction deletes profiles (call before deleting)."""
    revision_for_writing(session)
    session.execute(_ERASED_NOW)


class SqlTalentRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, talent: Talent) -> None:
        revision = revision_for_writing(self._session)
        self._session.execute(insert(talents).values(_talent_row(talent, revision)))

    def save(self, talent: Talent) -> None:
        row = _talent_row(talent, revision_for_writing(self._session))
        self._session.execute(update(talents).where(talents.c.id == talent.id).values(row))

    def get(self, talent_id: str) -> Talent | None:
        row = self._session.execute(select(talents).where(talents.c.id == talent_id)).first()
        return _talent(row) if row else None

    def all(self) -> list[Talent]:
        return [_talent(row) for row in self._session.execute(select(talents).order_by(talents.c.id))]

    def known(self, talent_ids: set[str]) -> set[str]:
        ids, found = sorted(talent_ids), set()
        for start in range(0, len(ids), KNOWN_CHUNK):
            found.update(self._session.execute(
                select(talents.c.id).where(talents.c.id.in_(ids[start:start + KNOWN_CHUNK]))).scalars())
        return found

    def version(self) -> TalentsVersion:
        revision, last_erasure = self._session.execute(_VERSION).one()
        return TalentsVersion(self._session.get_bind().url.render_as_string(hide_password=True),
                              revision, last_erasure)

    def changed_after(self, revision: int) -> list[Talent]:
        return [_talent(row) for row in self._session.execute(select(talents).where(talents.c.revision > revision))]

    def ids(self) -> set[str]:
        return set(self._session.execute(select(talents.c.id)).scalars())

    def list(self, after: list | None, limit: int) -> list[Talent]:
        statement = select(talents).order_by(talents.c.created_at, talents.c.id).limit(limit)
        if after:
            statement = statement.where(tuple_(talents.c.created_at, talents.c.id)
                                        > (datetime.fromisoformat(after[0]), after[1]))
        return [_talent(row) for row in self._session.execute(statement)]


def _talent_row(talent: Talent, revision: int) -> dict:
    return {"id": talent.id, "age_band": talent.age_band, "skills": dict(talent.skills),
            "interests": list(talent.interests), "regions": list(talent.regions),
            "home_region": talent.home_region, "online": talent.online,
            "weekly_availability": [[d, b] for d, b in talent.weekly_availability],
            "available_dates": [[s.isoformat(), e.isoformat()] for s, e in talent.available_dates],
            "languages": list(talent.languages), "first_timer": talent.first_timer,
            "max_hours_per_month": talent.max_hours_per_month, "origin": talent.origin,
            "offer_id": talent.offer_id, "contact_email": talent.contact.email,
            "contact_phone": talent.contact.phone, "created_by_request": talent.created_by_request,
            "created_at": talent.created_at, "updated_at": talent.updated_at, "revision": revision}


def _talent(row) -> Talent:
    data = dict(row._mapping)
    del data["revision"]
    contact = Contact(data.pop("contact_email"), data.pop("contact_phone"))
    data["weekly_availability"] = [(int(d), b) for d, b in data["weekly_availability"]]
    data["available_dates"] = [(date.fromisoformat(s), date.fromisoformat(e)) for s, e in data["available_dates"]]
    data["created_at"], data["updated_at"] = as_utc(data["created_at"]), as_utc(data["updated_at"])
    return Talent(contact=contact, **data)
