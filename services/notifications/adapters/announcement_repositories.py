"""Announcements and the feed's posted needs in SQL."""
from datetime import datetime

from sqlalchemy import delete, insert, select, tuple_
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.notifications.adapters.tables import announcements, closed_needs, posted_needs
from services.notifications.domain.announcement import Announcement, PostedNeed


class SqlAnnouncementRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, announcement: Announcement) -> None:
        self._session.execute(insert(announcements).values(
            {**announcement.__dict__, "regions": list(announcement.regions),
             "fields": list(announcement.fields)}))

    def get(self, announcement_id: str) -> Announcement | None:
        row = self._session.execute(
            select(announcements).where(announcements.c.id == announcement_id)).first()
        return _announcement(row) if row else None

    def public_latest(self, limit: int) -> list[Announcement]:
        rows = self._session.execute(select(announcements).where(announcements.c.public)
                                     .order_by(announcements.c.published_at.desc()).limit(limit))
        return [_announcement(row) for row in rows]

    def latest(self, after: list | None, limit: int) -> list[Announcement]:
        a = announcements.c
        query = select(announcements).order_by(a.published_at.desc(), a.id.desc()).limit(limit)
        if after:
            query = query.where(tuple_(a.published_at, a.id) < (datetime.fromisoformat(after[0]),
                                                                after[1]))
        return [_announcement(row) for row in self._session.execute(query)]

    def add_posted_need(self, need: PostedNeed) -> None:
        if not self._session.execute(select(posted_needs.c.need_id)
                                     .where(posted_needs.c.need_id == need.need_id)).first():
            self._session.execute(insert(posted_needs).values(need.__dict__))

    def close_posted_need(self, need_id: str, reason: str) -> None:
        if not self._session.execute(select(closed_needs.c.need_id)
                                     .where(closed_needs.c.need_id == need_id)).first():
            self._session.execute(insert(closed_needs).values(need_id=need_id, reason=reason))

    def reopen_posted_need(self, need_id: str) -> None:
        self._session.execute(delete(closed_needs).where(closed_needs.c.need_id == need_id))

    def posted_needs_latest(self, limit: int) -> list[PostedNeed]:
        """The newest needs still open."""
        still_open = ~select(closed_needs.c.need_id).where(
            closed_needs.c.need_id == posted_needs.c.need_id).exists()
        rows = self._session.execute(select(posted_needs).where(still_open)
                                     .order_by(posted_needs.c.posted_at.desc()).limit(limit))
        return [PostedNeed(**{**dict(row._mapping), "posted_at": as_utc(row.posted_at)})
                for row in rows]


def _announcement(row) -> Announcement:
    data = dict(row._mapping)
    return Announcement(**{**data, "regions": tuple(data["regions"]),
                           "fields": tuple(data["fields"]),
                           "published_at": as_utc(data["published_at"])})
