"""Matches and the messages relayed on them, in SQL."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.errors import Conflict
from services.common.timestamps import as_utc
from services.matching.adapters.tables import match_messages, matches
from services.matching.app.ports import MatchFilter
from services.matching.domain.match import (ACTIVE, CONTACT_RELEASED, OPERATOR, ORGANISATION, PROPOSED, WAITLISTED,
                                            Match, RelayedMessage)

_MATCH_COLUMNS = ("id", "need_id", "talent_id", "organisation_id", "proposed_by", "status", "score",
                  "weights_version", "hours", "feedback", "created_at", "updated_at")


class SqlMatchRepository:
    """Writes are conditional on the status that was read: of two concurrent changes to one match
    (a double-clicked accept, a timer expiring what someone is accepting), one wins and the other
    is refused with a Conflict and rolled back — on SQLite, where reads take no locks, too."""

    def __init__(self, session: Session):
        self._session = session
        self._read_status: dict[str, str] = {}

    def add(self, match: Match) -> None:
        self._session.execute(insert(matches).values({c: getattr(match, c) for c in _MATCH_COLUMNS}))
        self._read_status[match.id] = match.status

    def save(self, match: Match) -> None:
        changed = self._session.execute(update(matches).where(
            matches.c.id == match.id, matches.c.status == self._read_status[match.id]).values(
            {c: getattr(match, c) for c in ("status", "hours", "feedback", "updated_at")}))
        if changed.rowcount != 1:
            raise Conflict("他の操作と重なりました。もう一度お試しください / "
                           "the match changed meanwhile; please try again")
        self._read_status[match.id] = match.status

    def get(self, match_id: str, for_update: bool = False) -> Match | None:
        statement = select(matches).where(matches.c.id == match_id)
        if for_update:
            statement = statement.with_for_update()
        row = self._session.execute(statement).first()
        return self._remembered(_match(row)) if row else None

    def _remembered(self, match: Match) -> Match:
        self._read_status[match.id] = match.status
        return match

    def active_for_pair(self, need_id: str, talent_id: str) -> Match | None:
        row = self._session.execute(select(matches).where(
            matches.c.need_id == need_id, matches.c.talent_id == talent_id,
            matches.c.status.in_(ACTIVE))).first()
        return self._remembered(_match(row)) if row else None

    def talents_for_need(self, need_id: str) -> set[str]:
        return set(self._session.execute(select(matches.c.talent_id).where(
            matches.c.need_id == need_id)).scalars())

    def needs_for_talent(self, talent_id: str) -> set[str]:
        return set(self._session.execute(select(matches.c.need_id).where(
            matches.c.talent_id == talent_id)).scalars())

    def waitlisted_for(self, need_id: str) -> list[Match]:
        statement = (select(matches).where(matches.c.need_id == need_id, matches.c.status == WAITLISTED)
                     .order_by(matches.c.updated_at, matches.c.id))
        return [self._remembered(_match(row)) for row in self._session.execute(statement)]

    def stale(self, before: datetime) -> list[Match]:
        # Copies of the service on PostgreSQL skip rows another copy is expiring right now.
        statement = (select(matches).where(matches.c.status == PROPOSED, matches.c.updated_at < before)
                     .order_by(matches.c.id).with_for_update(skip_locked=True))
        return [self._remembered(_match(row)) for row in self._session.execute(statement)]

    # The sums "since a date" add up in Python the rows that one range of a covering index finds
    # (ix_matches_recent_updates, ix_matches_recent_invitations). With GROUP BY talent_id in SQL,
    # SQLite's planner, which has no statistics, walked ix_matches_talent to group without
    # sorting and so read every match ever made: 3–9 s over 300,000 matches, on every candidates
    # request.

    def hours_since(self, since: datetime) -> dict[str, float]:
        hours: dict[str, float] = defaultdict(float)
        for talent_id, worked in self._session.execute(select(matches.c.talent_id, matches.c.hours).where(
                matches.c.updated_at >= since, matches.c.hours.is_not(None))):
            hours[talent_id] += worked
        return dict(hours)

    def invitations_since(self, since: datetime) -> dict[str, int]:
        return dict(Counter(self._session.execute(select(matches.c.talent_id).where(
            matches.c.created_at >= since, matches.c.proposed_by.in_((ORGANISATION, OPERATOR)))).scalars()))

    def matched_since(self, since: datetime) -> dict[str, int]:
        return dict(Counter(self._session.execute(select(matches.c.talent_id).where(
            matches.c.updated_at >= since, matches.c.status.in_(CONTACT_RELEASED))).scalars()))

    def list(self, query: MatchFilter) -> list[Match]:
        statement = select(matches).order_by(matches.c.created_at, matches.c.id).limit(query.limit)
        for column in ("need_id", "talent_id", "organisation_id", "status"):
            if getattr(query, column):
                statement = statement.where(matches.c[column] == getattr(query, column))
        if query.after:
            statement = statement.where(tuple_(matches.c.created_at, matches.c.id)
                                        > (datetime.fromisoformat(query.after[0]), query.after[1]))
        return [_match(row) for row in self._session.execute(statement)]


def _match(row) -> Match:
    data = dict(row._mapping)
    data["created_at"], data["updated_at"] = as_utc(data["created_at"]), as_utc(data["updated_at"])
    return Match(**data)


class SqlMatchMessageRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, message: RelayedMessage) -> None:
        self._session.execute(insert(match_messages).values(
            {c.name: getattr(message, c.name) for c in match_messages.columns}))

    def get(self, message_id: str) -> RelayedMessage | None:
        row = self._session.execute(select(match_messages).where(match_messages.c.id == message_id)).first()
        return _message(row) if row else None

    def for_match(self, match_id: str) -> list[RelayedMessage]:
        statement = (select(match_messages).where(match_messages.c.match_id == match_id)
                     .order_by(match_messages.c.sent_at, match_messages.c.id))
        return [_message(row) for row in self._session.execute(statement)]


def _message(row) -> RelayedMessage:
    data = dict(row._mapping)
    data["sent_at"] = as_utc(data["sent_at"])
    return RelayedMessage(**data)
