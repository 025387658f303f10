"""Workshops, courses, talks and exchange meetings: creating them, signing up, waitlists.

Who may do what: a verified organisation creates gatherings for itself (an operator for any
organisation); a citizen signs up themself, an organisation signs up several of its members; the
participant, the organiser or an operator cancels; the organiser or an operator records
attendance and the outcome and sees the sign-ups. The online link is released only to the
organiser, operators and participants holding a place.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, invalid
from services.common.pagination import Page, page_of
from services.matching.app.ports import GatheringFilter, MatchingUnitOfWork
from services.matching.contract.vocabulary import MAX_SEATS_PER_SIGN_UP, WAITLISTED_SEAT
from services.matching.domain import gatherings
from services.matching.domain.gatherings import HOLDS_SEATS, Gathering, KnownBooking, Outcome, SignUp

# How long a place freed for someone on the waitlist is held for them (never past the start).
CONFIRM_WINDOW = timedelta(hours=48)


@dataclass(frozen=True)
class CreateGathering:
    gathering_id: str  # chosen by the caller, so a retried request creates nothing new
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    organiser_id: str | None = None
    description: str = ""
    weekly_until: date | None = None
    booking_ids: list[str] = field(default_factory=list)
    online_url: str | None = None
    target_age_bands: list[str] = field(default_factory=list)
    target_regions: list[str] = field(default_factory=list)
    target_fields: list[str] = field(default_factory=list)
    fee_yen: int = 0
    signup_opens: datetime | None = None
    signup_closes: datetime | None = None


@dataclass(frozen=True)
class SignUpFor:
    sign_up_id: str
    gathering_id: str
    seats: int = 1


@dataclass(frozen=True)
class GatheringView:
    gathering: Gathering
    link_released: bool
    outside_target: tuple[str, ...] = ()  # for a citizen whose profile the target does not cover


def _now() -> datetime:
    return datetime.now(timezone.utc)


def participant_of(actor: Actor) -> str:
    if actor.role not in ("citizen", "organisation") or not actor.subject_id:
        raise Forbidden("申し込めるのは市民と団体です / only citizens and organisations sign up")
    return f"{actor.role}:{actor.subject_id}"


def _organises(actor: Actor, gathering: Gathering) -> bool:
    return actor.is_operator or (actor.role == "organisation" and actor.subject_id == gathering.organiser_id)


def require_organiser(actor: Actor, gathering: Gathering) -> None:
    if not _organises(actor, gathering):
        raise Forbidden("主催者と運営者のみ可能です / only the organiser and operators may do this")


def find_gathering(uow: MatchingUnitOfWork, gathering_id: str) -> Gathering:
    found = uow.gatherings.get(gathering_id)
    if found is None:
        raise NotFound(f"催しがありません / no gathering {gathering_id}")
    return found


def _sign_up(uow: MatchingUnitOfWork, sign_up_id: str) -> SignUp:
    found = uow.sign_ups.get(sign_up_id)
    if found is None:
        raise NotFound(f"申込がありません / no sign-up {sign_up_id}")
    return found


def create_gathering(uow: MatchingUnitOfWork, actor: Actor, command: CreateGathering) -> GatheringView:
    organiser_id = command.organiser_id or actor.subject_id
    if actor.role == "organisation" and organiser_id != actor.subject_id:
        raise Forbidden("他の団体の催しは作れません / you may create gatherings only for your organisation")
    if actor.role not in ("organisation", "operator"):
        raise Forbidden("催しを作れるのは団体と運営者です / only organisations and operators create gatherings")
    if not organiser_id:
        raise invalid(organiser_id="主催団体を指定してください / name the organising organisation")
    with uow:
        existing = uow.gatherings.get(command.gathering_id)
        if existing is not None:
            return GatheringView(existing, True)
        organiser = uow.organisations.get(organiser_id)
        if organiser is None or organiser.status != "verified":
            raise invalid(organiser_id="確認済みの登録団体ではありません / not a verified organisation")
        # Registry's news of these bookings (on_booking_changed) now waits for this transaction,
        # or this one waited for it: the gathering is settled here or there, never in neither.
        uow.bookings.lock(command.booking_ids)
        gathering = gatherings.create(
            gathering_id=command.gathering_id, organiser_id=organiser_id,
            organiser_region=organiser.region, organiser_fields=organiser.fields, title=command.title,
            description=command.description, kind=command.kind,
            occurrences_=gatherings.occurrences(command.starts_at, command.ends_at, command.weekly_until),
            booking_ids=command.booking_ids, online_url=command.online_url, capacity=command.capacity,
            target_age_bands=command.target_age_bands, target_regions=command.target_regions,
            target_fields=command.target_fields, fee_yen=command.fee_yen,
            signup_opens=command.signup_opens, signup_closes=command.signup_closes,
            bookings=uow.bookings.get_many(command.booking_ids), now=_now())
        for booking_id in gathering.booking_ids:
            if uow.gatherings.using_booking(booking_id) is not None:
                raise Conflict(f"この予約は別の催しで使われています / booking {booking_id} is used by another gathering")
        uow.gatherings.add(gathering)
        uow.commit()
        return GatheringView(gathering, True)


def _link_released(uow: MatchingUnitOfWork, actor: Actor, gathering: Gathering) -> bool:
    if _organises(actor, gathering):
        return True
    if actor.role not in ("citizen", "organisation") or not actor.subject_id:
        return False
    mine = uow.sign_ups.for_participant(participant_of(actor))
    return any(s.gathering_id == gathering.id and s.status in HOLDS_SEATS for s in mine)


def _target_notes(uow: MatchingUnitOfWork, actor: Actor):
    """For a citizen with a talent profile: why each gathering's target leaves them out."""
    talent = uow.talents.get(actor.subject_id) if actor.role == "citizen" and actor.subject_id else None
    if talent is None:
        return lambda gathering: ()
    return lambda gathering: tuple(gatherings.outside_target(gathering, talent.age_band, talent.home_region,
                                                             talent.regions))


def get_gathering(uow: MatchingUnitOfWork, actor: Actor, gathering_id: str) -> GatheringView:
    with uow:
        gathering = find_gathering(uow, gathering_id)
        notes = _target_notes(uow, actor)
        return GatheringView(gathering, _link_released(uow, actor, gathering), notes(gathering))


def list_gatherings(uow: MatchingUnitOfWork, actor: Actor, query: GatheringFilter) -> Page:
    with uow:
        found = uow.gatherings.list(query)
        page = page_of(found, query.limit, lambda g: [g.starts_at.isoformat(), g.id])
        notes = _target_notes(uow, actor)
        return Page([GatheringView(g, _organises(actor, g), notes(g)) for g in page.items], page.next_cursor)


def sign_up(uow: MatchingUnitOfWork, actor: Actor, command: SignUpFor) -> SignUp:
    participant = participant_of(actor)
    if actor.role == "citizen" and command.seats != 1:
        raise invalid(seats="個人の申込は1席です / a citizen signs up for one seat")
    if not 1 <= command.seats <= MAX_SEATS_PER_SIGN_UP:
        raise invalid(seats=f"席数は1〜{MAX_SEATS_PER_SIGN_UP}です / seats must be 1–{MAX_SEATS_PER_SIGN_UP}")
    with uow:
        existing = uow.sign_ups.get(command.sign_up_id)
        if existing is not None:
            return existing
        gathering = find_gathering(uow, command.gathering_id)
        now = _now()
        gathering.check_open_for_sign_up(now)
        mine = uow.sign_ups.for_participant(participant)
        if any(s.gathering_id == gathering.id and s.status in gatherings.ACTIVE_SIGN_UPS for s in mine):
            raise Conflict(gatherings.ALREADY_SIGNED_UP)
        talent = uow.talents.get(actor.subject_id) if actor.role == "citizen" else None
        waitlist_ahead = any(s.status == WAITLISTED_SEAT for s in uow.sign_ups.for_gathering(gathering.id))
        # Nobody jumps the waitlist: a freed seat is offered to the first in line, not taken here.
        seat_taken = not waitlist_ahead and uow.gatherings.take_seats(gathering.id, command.seats)
        new = gatherings.new_sign_up(
            sign_up_id=command.sign_up_id, gathering=gathering, participant=participant,
            seats=command.seats, age_band=talent.age_band if talent else None,
            joined_before=bool(mine), seat_taken=seat_taken, now=now)
        uow.sign_ups.add(new)
        uow.commit()
        return new


def _may_change(actor: Actor, sign_up_: SignUp, gathering: Gathering) -> bool:
    mine = actor.role in ("citizen", "organisation") and sign_up_.participant == f"{actor.role}:{actor.subject_id}"
    return mine or _organises(actor, gathering)


def fill_freed_places(uow: MatchingUnitOfWork, gathering: Gathering, now: datetime) -> None:
    """Offer freed seats to the waitlist in order; the head waits for enough seats (no skipping)."""
    confirm_by = min(now + CONFIRM_WINDOW, gathering.starts_at)
    for waiting in uow.sign_ups.for_gathering(gathering.id):
        if waiting.status != WAITLISTED_SEAT:
            continue
        if now >= gathering.starts_at or not uow.gatherings.take_seats(gathering.id, waiting.seats):
            return
        waiting.offer_place(confirm_by)
        uow.sign_ups.save(waiting)


def cancel_sign_up(uow: MatchingUnitOfWork, actor: Actor, sign_up_id: str) -> SignUp:
    with uow:
        found = _sign_up(uow, sign_up_id)
        gathering = find_gathering(uow, found.gathering_id)
        if not _may_change(actor, found, gathering):
            raise NotFound(f"申込がありません / no sign-up {sign_up_id}")
        previous = found.cancel()
        uow.sign_ups.save(found)
        if previous in HOLDS_SEATS:
            uow.gatherings.release_seats(gathering.id, found.seats)
            fill_freed_places(uow, gathering, _now())
        uow.commit()
        return found


def confirm_place(uow: MatchingUnitOfWork, actor: Actor, sign_up_id: str) -> SignUp:
    with uow:
        found = _sign_up(uow, sign_up_id)
        gathering = find_gathering(uow, found.gathering_id)
        if not _may_change(actor, found, gathering):
            raise NotFound(f"申込がありません / no sign-up {sign_up_id}")
        found.confirm(_now())
        uow.sign_ups.save(found)
        uow.commit()
        return found


def expire_offers(uow: MatchingUnitOfWork, now: datetime | None = None) -> int:
    """Places not confirmed in time go to the next in line (run by a timer)."""
    now = now or _now()
    with uow:
        expired = uow.sign_ups.offers_expired(now)
        for offer in expired:
            offer.expire_offer()
            uow.sign_ups.save(offer)
            uow.gatherings.release_seats(offer.gathering_id, offer.seats)
        for gathering_id in dict.fromkeys(o.gathering_id for o in expired):
            fill_freed_places(uow, find_gathering(uow, gathering_id), now)
        uow.commit()
    return len(expired)


def send_reminders(uow: MatchingUnitOfWork, now: datetime | None = None) -> int:
    """One reminder per place holder and occurrence, the day before (run by a timer)."""
    now, sent = now or _now(), 0
    with uow:
        for gathering in uow.gatherings.running_between(now, now + timedelta(days=1)):
            for holder in uow.sign_ups.for_gathering(gathering.id):
                occurrence = gatherings.next_reminder(gathering, holder, now)
                if holder.status == gatherings.SIGNED_UP and occurrence is not None:
                    holder.remind(occurrence)
                    uow.sign_ups.save(holder)
                    sent += 1
        uow.commit()
    return sent


def list_sign_ups(uow: MatchingUnitOfWork, actor: Actor, gathering_id: str) -> list[SignUp]:
    with uow:
        gathering = find_gathering(uow, gathering_id)
        require_organiser(actor, gathering)
        return uow.sign_ups.for_gathering(gathering_id)


def my_gatherings(uow: MatchingUnitOfWork, actor: Actor) -> list[tuple[GatheringView, SignUp]]:
    """What the actor holds a place for or waits for (the personal calendar)."""
    participant = participant_of(actor)
    with uow:
        return calendar_entries(uow, participant)


def calendar_entries(uow: MatchingUnitOfWork, participant: str) -> list[tuple[GatheringView, SignUp]]:
    """A participant's active sign-ups with their gatherings; the link shows where a place is held."""
    mine = [s for s in uow.sign_ups.for_participant(participant) if s.status in gatherings.ACTIVE_SIGN_UPS]
    return [(GatheringView(find_gathering(uow, s.gathering_id), s.status in HOLDS_SEATS), s) for s in mine]


def record_attendance(uow: MatchingUnitOfWork, actor: Actor, gathering_id: str,
                      attended: list[str], now: datetime | None = None) -> GatheringView:
    with uow:
        gathering = find_gathering(uow, gathering_id)
        require_organiser(actor, gathering)
        if (now or _now()) < gathering.starts_at:
            raise Conflict("開催前は出欠を記録できません / attendance is recorded once the gathering starts")
        held = [s for s in uow.sign_ups.for_gathering(gathering_id) if s.status in HOLDS_SEATS]
        gathering.record_attendance(held, set(attended))
        for sign_up_ in held:
            uow.sign_ups.save(sign_up_)
        uow.gatherings.save(gathering)
        uow.commit()
        return GatheringView(gathering, True)


def record_outcome(uow: MatchingUnitOfWork, actor: Actor, gathering_id: str, outcome: Outcome,
                   now: datetime | None = None) -> GatheringView:
    with uow:
        gathering = find_gathering(uow, gathering_id)
        require_organiser(actor, gathering)
        gathering.record_outcome(outcome, now or _now())
        uow.gatherings.save(gathering)
        uow.commit()
        return GatheringView(gathering, True)


def on_booking_changed(uow: MatchingUnitOfWork, event_id: str, payload: dict) -> None:
    """Registry's booking facts: remember them, and settle the gathering that uses the booking."""
    booking = KnownBooking(booking_id=payload["booking_id"], room_id=payload["room_id"],
                           organisation_id=payload["organisation_id"], starts_at=payload["starts_at"],
                           ends_at=payload["ends_at"], status=payload["status"])
    # Saved before the gathering is looked up: a planner that locked this booking
    # (create_gathering) commits first, so its gathering is found below.
    uow.bookings.save(booking)
    gathering = uow.gatherings.using_booking(booking.booking_id)
    if gathering is None:
        return
    if booking.status in ("declined", "cancelled"):
        reason = f"会場の予約が{booking.status}になりました / the room booking was {booking.status}"
        if gathering.lose_room(reason):
            end_sign_ups(uow, gathering, reason)
    else:
        gathering.settle_room(uow.bookings.get_many(gathering.booking_ids))
    uow.gatherings.save(gathering)


def end_sign_ups(uow: MatchingUnitOfWork, gathering: Gathering, reason: str) -> None:
    """The gathering will not take place (room lost, or cancelled by its organiser): every active
    sign-up ends saying why (each participant is told through notifications), and no waitlist is
    moved up into it."""
    for active in uow.sign_ups.for_gathering(gathering.id):
        if active.status not in gatherings.ACTIVE_SIGN_UPS:
            continue
        if active.cancel(reason) in HOLDS_SEATS:
            uow.gatherings.release_seats(gathering.id, active.seats)
        uow.sign_ups.save(active)
