"""SQLAlchemy repositories for matching."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.errors import Conflict
from services.common.timestamps import as_utc
from services.matching.adapters.tables import (impressions, known_organisations, match_messages, matches, needs,
                                              offers, talents)
from services.matching.app.matches import MatchFilter
from services.matching.app.needs import NeedFilter
from services.matching.domain.match import (ACTIVE, CONTACT_RELEASED, OPERATOR, ORGANISATION, PROPOSED, WAITLISTED,
                                            Match, RelayedMessage)
from services.matching.domain.need import OPEN, KnownOrganisation, Need
from services.matching.domain.need_schedule import NeedSchedule
from services.matching.domain.offer import Offer
from services.matching.domain.talent import Contact, Talent

_NEED_COLUMNS = ("id", "organisation_id", "title", "description", "kind", "region", "fields",
                 "slots", "status", "posted_at", "required_skills", "preferred_skills", "online",
                 "youth_friendly", "first_step", "effort_hours", "filled")


class SqlKnownOrganisations:
    def __init__(self, session: Session):
        self._session = session

    def get(self, organisation_id: str) -> KnownOrganisation | None:
        row = self._session.execute(select(known_organisations).where(
            known_organisations.c.organisation_id == organisation_id)).first()
        return KnownOrganisation(**row._mapping) if row else None

    def save(self, organisation: KnownOrganisation) -> None:
        values = {"region": organisation.region, "fields": organisation.fields,
                  "status": organisation.status, "kind": organisation.kind}
        updated = self._session.execute(update(known_organisations).where(
            known_organisations.c.organisation_id == organisation.organisation_id).values(values))
        if updated.rowcount == 0:
            self._session.execute(insert(known_organisations).values(
                organisation_id=organisation.organisation_id, **values))


class SqlNeedRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, need: Need) -> None:
        self._session.execute(insert(needs).values(
            {**{c: getattr(need, c) for c in _NEED_COLUMNS}, "schedule": need.schedule.as_dict()}))

    def get(self, need_id: str) -> Need | None:
        row = self._session.execute(select(needs).where(needs.c.id == need_id)).first()
        return _need(row) if row else None

    def list(self, query: NeedFilter) -> list[Need]:
        statement = select(needs).order_by(needs.c.posted_at, needs.c.id).limit(query.limit)
        if query.organisation_id:
            statement = statement.where(needs.c.organisation_id == query.organisation_id)
        if query.region:
            statement = statement.where(needs.c.region == query.region)
        if query.status:
            statement = statement.where(needs.c.status == query.status)
        if query.after:
            statement = statement.where(tuple_(needs.c.posted_at, needs.c.id)
                                        > (datetime.fromisoformat(query.after[0]), query.after[1]))
        return [_need(row) for row in self._session.execute(statement)]

    def open_needs(self) -> list[Need]:
        statement = select(needs).where(needs.c.status == OPEN).order_by(needs.c.id)
        return [_need(row) for row in self._session.execute(statement)]

    def take_slot(self, need_id: str) -> bool:
        """One slot, if one is free: the database decides, so concurrent accepts never over-fill."""
        taken = self._session.execute(update(needs).where(
            needs.c.id == need_id, needs.c.filled < needs.c.slots).values(filled=needs.c.filled + 1))
        return taken.rowcount == 1

    def release_slot(self, need_id: str) -> None:
        self._session.execute(update(needs).where(needs.c.id == need_id, needs.c.filled > 0)
                              .values(filled=needs.c.filled - 1))


def _need(row) -> Need:
    data = dict(row._mapping)
    data["posted_at"] = as_utc(data["posted_at"])
    data["schedule"] = NeedSchedule.from_dict(data["schedule"])
    return Need(**data)


class SqlTalents:
    def __init__(self, session: Session):
        self._session = session

    def add(self, talent: Talent) -> None:
        self._session.execute(insert(talents).values(_talent_row(talent)))

    def update(self, talent: Talent) -> None:
        row = _talent_row(talent)
        self._session.execute(update(talents).where(talents.c.id == talent.id).values(row))

    def get(self, talent_id: str) -> Talent | None:
        row = self._session.execute(select(talents).where(talents.c.id == talent_id)).first()
        return _talent(row) if row else None

    def all(self) -> list[Talent]:
        return [_talent(row) for row in self._session.execute(select(talents).order_by(talents.c.id))]

    def version(self) -> tuple:
        """Changes whenever a profile is added or updated: (database, count, last change)."""
        count, last = self._session.execute(select(func.count(), func.max(talents.c.updated_at))).one()
        return (self._session.get_bind().url.render_as_string(hide_password=True), count,
                last.isoformat() if last else None)

    def list(self, after: list | None, limit: int) -> list[Talent]:
        statement = select(talents).order_by(talents.c.created_at, talents.c.id).limit(limit)
        if after:
            statement = statement.where(tuple_(talents.c.created_at, talents.c.id)
                                        > (datetime.fromisoformat(after[0]), after[1]))
        return [_talent(row) for row in self._session.execute(statement)]


def _talent_row(talent: Talent) -> dict:
    return {"id": talent.id, "age_band": talent.age_band, "skills": dict(talent.skills),
            "interests": list(talent.interests), "regions": list(talent.regions),
            "home_region": talent.home_region, "online": talent.online,
            "weekly_availability": [[d, b] for d, b in talent.weekly_availability],
            "available_dates": [[s.isoformat(), e.isoformat()] for s, e in talent.available_dates],
            "languages": list(talent.languages), "first_timer": talent.first_timer,
            "max_hours_per_month": talent.max_hours_per_month, "origin": talent.origin,
            "offer_id": talent.offer_id, "contact_email": talent.contact.email,
            "contact_phone": talent.contact.phone, "created_by_request": talent.created_by_request,
            "created_at": talent.created_at, "updated_at": talent.updated_at}


def _talent(row) -> Talent:
    data = dict(row._mapping)
    contact = Contact(data.pop("contact_email"), data.pop("contact_phone"))
    data["weekly_availability"] = [(int(d), b) for d, b in data["weekly_availability"]]
    data["available_dates"] = [(date.fromisoformat(s), date.fromisoformat(e)) for s, e in data["available_dates"]]
    data["created_at"], data["updated_at"] = as_utc(data["created_at"]), as_utc(data["updated_at"])
    return Talent(contact=contact, **data)


_MATCH_COLUMNS = ("id", "need_id", "talent_id", "organisation_id", "proposed_by", "status", "score",
                  "weights_version", "hours", "feedback", "created_at", "updated_at")


class SqlMatches:
    """Writes are conditional on the status that was read: of two concurrent changes to one match
    (a double-clicked accept, a timer expiring what someone is accepting), one wins and the other
    is refused with a Conflict and rolled back — on SQLite, where reads take no locks, too."""

    def __init__(self, session: Session):
        self._session = session
        self._read_status: dict[str, str] = {}

    def add(self, match: Match) -> None:
        self._session.execute(insert(matches).values({c: getattr(match, c) for c in _MATCH_COLUMNS}))
        self._read_status[match.id] = match.status

    def update(self, match: Match) -> None:
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

    def hours_since(self, since: datetime) -> dict[str, float]:
        statement = (select(matches.c.talent_id, func.sum(matches.c.hours))
                     .where(matches.c.hours.is_not(None), matches.c.updated_at >= since)
                     .group_by(matches.c.talent_id))
        return {talent_id: float(hours) for talent_id, hours in self._session.execute(statement)}

    def invitations_since(self, since: datetime) -> dict[str, int]:
        statement = (select(matches.c.talent_id, func.count())
                     .where(matches.c.proposed_by.in_((ORGANISATION, OPERATOR)),
                            matches.c.created_at >= since)
                     .group_by(matches.c.talent_id))
        return dict(self._session.execute(statement).all())

    def matched_since(self, since: datetime) -> dict[str, int]:
        statement = (select(matches.c.talent_id, func.count())
                     .where(matches.c.status.in_(CONTACT_RELEASED), matches.c.updated_at >= since)
                     .group_by(matches.c.talent_id))
        return dict(self._session.execute(statement).all())

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


class SqlMatchMessages:
    def __init__(self, session: Session):
        self._session = session

    def add(self, message: RelayedMessage) -> None:
        self._session.execute(insert(match_messages).values(message.__dict__))

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


class SqlImpressions:
    def __init__(self, session: Session):
        self._session = session

    def record(self, shown: list[tuple[str, str]], at: datetime) -> None:
        if shown:
            self._session.execute(insert(impressions), [
                {"talent_id": talent_id, "need_id": need_id, "shown_at": at} for talent_id, need_id in shown])

    def counts_since(self, since: datetime) -> dict[str, int]:
        statement = (select(impressions.c.talent_id, func.count())
                     .where(impressions.c.shown_at >= since).group_by(impressions.c.talent_id))
        return dict(self._session.execute(statement).all())


_OFFER_COLUMNS = ("id", "organisation_id", "kind", "title", "description", "skills", "fields", "quantity",
                  "unit", "regions", "online", "starts", "ends", "status", "posted_at", "updated_at")


class SqlOffers:
    def __init__(self, session: Session):
        self._session = session

    def add(self, offer: Offer) -> None:
        self._session.execute(insert(offers).values({c: getattr(offer, c) for c in _OFFER_COLUMNS}))

    def update(self, offer: Offer) -> None:
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
