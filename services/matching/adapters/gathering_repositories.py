"""Gatherings, sign-ups and known room bookings in SQL. Seats are taken by a conditional UPDATE,
so concurrent sign-ups never over-fill a gathering, whatever Python believed it read."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.common.errors import Conflict
from services.common.sql_upserts import dialect_insert
from services.common.timestamps import as_utc, to_utc
from services.matching.adapters.tables import gathering_bookings, gathering_sign_ups, gatherings, known_bookings
from services.matching.app.ports import GatheringFilter
from services.matching.contract.vocabulary import OFFERED, SCHEDULED
from services.matching.domain.gatherings import (ALREADY_SIGNED_UP, Gathering, KnownBooking, Occurrence,
                                                 Outcome, SignUp)

# Written on every save; seats_taken is the store's own and only take/release_seats touch it.
_GATHERING_COLUMNS = ("organiser_id", "title", "description", "kind", "booking_ids", "online_url",
                      "capacity", "target_age_bands", "target_regions", "target_fields", "region",
                      "fee_yen", "signup_opens", "signup_closes", "status", "refusal_reason",
                      "created_at", "attendance_recorded")
_SIGN_UP_COLUMNS = ("gathering_id", "participant", "seats", "status", "signed_up_at", "youth",
                    "first_timer", "confirm_by", "attended", "reminded_for")


def _in_utc(values: dict) -> dict:
    return {column: to_utc(value) for column, value in values.items()}


def _gathering_values(gathering: Gathering) -> dict:
    return _in_utc({**{c: getattr(gathering, c) for c in _GATHERING_COLUMNS},
                    "starts_at": gathering.starts_at, "ends_at": gathering.ends_at,
                    "occurrences": [[o.starts_at.isoformat(), o.ends_at.isoformat()] for o in gathering.occurrences],
                    "outcome": vars(gathering.outcome) if gathering.outcome else None})


class SqlGatheringRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, gathering: Gathering) -> None:
        self._session.execute(insert(gatherings).values(
            id=gathering.id, seats_taken=gathering.seats_taken, **_gathering_values(gathering)))
        if gathering.booking_ids:
            self._session.execute(insert(gathering_bookings), [
                {"booking_id": b, "gathering_id": gathering.id} for b in gathering.booking_ids])

    def save(self, gathering: Gathering) -> None:
        self._session.execute(update(gatherings).where(gatherings.c.id == gathering.id)
                              .values(_gathering_values(gathering)))

    def get(self, gathering_id: str) -> Gathering | None:
        row = self._session.execute(select(gatherings).where(gatherings.c.id == gathering_id)).first()
        return _gathering(row) if row else None

    def list(self, query: GatheringFilter) -> list[Gathering]:
        statement = select(gatherings).order_by(gatherings.c.starts_at, gatherings.c.id).limit(query.limit)
        for column in ("organiser_id", "region", "kind"):
            if getattr(query, column):
                statement = statement.where(gatherings.c[column] == getattr(query, column))
        if query.starting_after:
            statement = statement.where(gatherings.c.starts_at >= to_utc(query.starting_after))
        if query.after:
            statement = statement.where(tuple_(gatherings.c.starts_at, gatherings.c.id)
                                        > (to_utc(datetime.fromisoformat(query.after[0])), query.after[1]))
        return [_gathering(row) for row in self._session.execute(statement)]

    def using_booking(self, booking_id: str) -> Gathering | None:
        gathering_id = self._session.execute(select(gathering_bookings.c.gathering_id).where(
            gathering_bookings.c.booking_id == booking_id)).scalar()
        return self.get(gathering_id) if gathering_id else None

    def running_between(self, start: datetime, end: datetime) -> list[Gathering]:
        statement = select(gatherings).where(
            gatherings.c.status == SCHEDULED, gatherings.c.starts_at <= to_utc(end),
            gatherings.c.ends_at >= to_utc(start)).order_by(gatherings.c.id)
        return [_gathering(row) for row in self._session.execute(statement)]

    def take_seats(self, gathering_id: str, seats: int) -> bool:
        taken = self._session.execute(update(gatherings).where(
            gatherings.c.id == gathering_id, gatherings.c.seats_taken + seats <= gatherings.c.capacity)
            .values(seats_taken=gatherings.c.seats_taken + seats))
        return taken.rowcount == 1

    def release_seats(self, gathering_id: str, seats: int) -> None:
        self._session.execute(update(gatherings).where(
            gatherings.c.id == gathering_id, gatherings.c.seats_taken >= seats)
            .values(seats_taken=gatherings.c.seats_taken - seats))

    def resize(self, gathering_id: str, capacity: int) -> bool:
        resized = self._session.execute(update(gatherings).where(
            gatherings.c.id == gathering_id, gatherings.c.seats_taken <= capacity).values(capacity=capacity))
        return resized.rowcount == 1


class SqlSignUpRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, sign_up: SignUp) -> None:
        try:
            self._session.execute(insert(gathering_sign_ups).values(
                id=sign_up.id, **_in_utc({c: getattr(sign_up, c) for c in _SIGN_UP_COLUMNS})))
        except IntegrityError as exc:
            # The same person's other sign-up committed first (uq_sign_ups_active).
            raise Conflict(ALREADY_SIGNED_UP) from exc

    def save(self, sign_up: SignUp) -> None:
        self._session.execute(update(gathering_sign_ups).where(gathering_sign_ups.c.id == sign_up.id)
                              .values(_in_utc({c: getattr(sign_up, c) for c in _SIGN_UP_COLUMNS})))

    def get(self, sign_up_id: str) -> SignUp | None:
        row = self._session.execute(select(gathering_sign_ups).where(
            gathering_sign_ups.c.id == sign_up_id)).first()
        return _sign_up(row) if row else None

    def _where(self, *conditions) -> list[SignUp]:
        statement = select(gathering_sign_ups).where(*conditions).order_by(
            gathering_sign_ups.c.signed_up_at, gathering_sign_ups.c.id)
        return [_sign_up(row) for row in self._session.execute(statement)]

    def for_gathering(self, gathering_id: str) -> list[SignUp]:
        return self._where(gathering_sign_ups.c.gathering_id == gathering_id)

    def for_participant(self, participant: str) -> list[SignUp]:
        return self._where(gathering_sign_ups.c.participant == participant)

    def offers_expired(self, now: datetime) -> list[SignUp]:
        return self._where(gathering_sign_ups.c.status == OFFERED, gathering_sign_ups.c.confirm_by < to_utc(now))


# The row of a booking a gathering locked before registry told of it: no facts yet.
UNHEARD = "unheard"


class SqlKnownBookingRepository:
    """Registry's bookings as its events tell them. Planning a gathering locks its bookings'
    rows (`lock`) and registry's news writes them (`save`), each before reading what the other
    writes: one waits for the other, so the second to commit always sees the first."""

    def __init__(self, session: Session):
        self._session = session
        self._insert = dialect_insert(session.get_bind().dialect.name)

    def save(self, booking: KnownBooking) -> None:
        values = _in_utc({"room_id": booking.room_id, "organisation_id": booking.organisation_id,
                          "starts_at": booking.starts_at, "ends_at": booking.ends_at, "status": booking.status})
        # One statement: behind a planner's lock on the row it waits, then updates (an UPDATE
        # finding no row and then an INSERT would fail on the row the planner inserted).
        upsert = self._insert(known_bookings).values(booking_id=booking.booking_id, **values)
        self._session.execute(upsert.on_conflict_do_update(index_elements=[known_bookings.c.booking_id],
                                                           set_=values))

    def lock(self, booking_ids: list[str]) -> None:
        if not booking_ids:
            return
        ids = sorted(set(booking_ids))  # one order for every planner: no deadlock between them
        self._session.execute(self._insert(known_bookings).on_conflict_do_nothing(
            index_elements=[known_bookings.c.booking_id]), [{"booking_id": i, "status": UNHEARD} for i in ids])
        # An existing row is locked too. SQLite ignores FOR UPDATE: the insert above began a
        # write transaction there, and SQLite runs one writer at a time.
        self._session.execute(select(known_bookings.c.booking_id).where(known_bookings.c.booking_id.in_(ids))
                              .order_by(known_bookings.c.booking_id).with_for_update()).all()

    def get_many(self, booking_ids: list[str]) -> dict[str, KnownBooking]:
        if not booking_ids:
            return {}
        rows = self._session.execute(select(known_bookings).where(
            known_bookings.c.booking_id.in_(booking_ids), known_bookings.c.status != UNHEARD))
        return {row.booking_id: KnownBooking(**{**row._mapping, "starts_at": as_utc(row.starts_at),
                                                "ends_at": as_utc(row.ends_at)}) for row in rows}


def _gathering(row) -> Gathering:
    data = dict(row._mapping)
    for column in ("signup_opens", "signup_closes", "created_at"):
        data[column] = as_utc(data[column])
    del data["starts_at"], data["ends_at"]
    data["occurrences"] = [Occurrence(datetime.fromisoformat(s), datetime.fromisoformat(e))
                           for s, e in data["occurrences"]]
    data["outcome"] = Outcome(**data["outcome"]) if data["outcome"] else None
    return Gathering(**data)


def _sign_up(row) -> SignUp:
    data = dict(row._mapping)
    data["signed_up_at"] = as_utc(data["signed_up_at"])
    for column in ("confirm_by", "reminded_for"):
        data[column] = as_utc(data[column]) if data[column] else None
    return SignUp(**data)
