"""Workshops, courses, talks and exchange meetings: their rules, and the rules of signing up.

Seats are counted by the store (a conditional UPDATE), so this module decides *what* happens to
a sign-up and the use case asks the store *whether* a seat was free.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from services.common.errors import Conflict, invalid
from services.matching.contract.vocabulary import (CALLED_OFF, CANCELLED, MAX_OCCURRENCES, OFFER_EXPIRED, OFFERED,
                                                   REFUSED, SCHEDULED, SIGNED_UP, WAITING_FOR_ROOM,
                                                   WAITLISTED_SEAT, YOUTH_AGE_BANDS)
from services.matching.domain import gathering_events as events

ACTIVE_SIGN_UPS = (SIGNED_UP, WAITLISTED_SEAT, OFFERED)
HOLDS_SEATS = (SIGNED_UP, OFFERED)
ALREADY_SIGNED_UP = "すでに申し込んでいます / you have already signed up"


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class KnownBooking:
    """A room booking as registry's events describe it (matching never reads registry's tables)."""
    booking_id: str
    room_id: str
    organisation_id: str
    starts_at: datetime
    ends_at: datetime
    status: str


@dataclass(frozen=True)
class Outcome:
    minutes: str
    ideas: list[str]
    follow_ups: list[str]


@dataclass
class Gathering:
    id: str
    organiser_id: str
    title: str
    description: str
    kind: str
    occurrences: list[Occurrence]
    booking_ids: list[str]  # one per occurrence for a room; none when online
    online_url: str | None
    capacity: int
    target_age_bands: list[str]
    target_regions: list[str]
    target_fields: list[str]
    region: str
    fee_yen: int
    signup_opens: datetime
    signup_closes: datetime
    status: str
    created_at: datetime
    refusal_reason: str = ""
    seats_taken: int = 0  # the store's counter; never above capacity
    outcome: Outcome | None = None
    attendance_recorded: bool = False
    events: list = field(default_factory=list, repr=False, compare=False)

    @property
    def starts_at(self) -> datetime:
        return self.occurrences[0].starts_at

    @property
    def ends_at(self) -> datetime:
        return self.occurrences[-1].ends_at

    @property
    def online(self) -> bool:
        return self.online_url is not None

    def settle_room(self, bookings: dict[str, KnownBooking]) -> None:
        """Schedule once the facility confirmed every booking (registry refuses a clash when it
        confirms); refuse on a declined, cancelled or mismatched one."""
        if self.status != WAITING_FOR_ROOM:
            return
        problem = room_problem(self, bookings)
        confirmed = [b for b in bookings.values() if b.status == "confirmed"]
        if problem is None and len(confirmed) < len(self.booking_ids):
            return  # some bookings not heard of or not confirmed yet
        self.status, self.refusal_reason = (REFUSED, problem) if problem else (SCHEDULED, "")
        self.events.append(events.GatheringRoomSettled(
            gathering_id=self.id, organiser_id=self.organiser_id, status=self.status,
            reason=self.refusal_reason))

    def lose_room(self, reason: str) -> bool:
        """Registry declined or cancelled a booking: the gathering is refused. True when that is
        news, so the caller ends its sign-ups."""
        if self.status in (REFUSED, CALLED_OFF):
            return False
        self.status, self.refusal_reason = REFUSED, reason
        self.events.append(events.GatheringRoomSettled(
            gathering_id=self.id, organiser_id=self.organiser_id, status=REFUSED, reason=reason))
        return True

    def _check_changeable(self, now: datetime) -> None:
        if self.status not in (WAITING_FOR_ROOM, SCHEDULED):
            raise Conflict(f"この催しは変更できません（{self.status}） / a {self.status} gathering cannot be changed")
        if now >= self.starts_at:
            raise Conflict("開始後は変更できません / a gathering cannot be changed once it has started")

    def update(self, changes: dict, now: datetime) -> list[str]:
        """Apply the organiser's changes (title, description, capacity, signup_opens,
        signup_closes); returns the names of the fields that changed. The store checks a smaller
        capacity against the seats taken."""
        self._check_changeable(now)
        if "title" in changes:
            changes["title"] = " ".join(changes["title"].split())
            if not changes["title"]:
                raise invalid(title="件名を入力してください / title is required")
        if "description" in changes:
            changes["description"] = changes["description"].strip()
        opens = changes.get("signup_opens", self.signup_opens)
        closes = changes.get("signup_closes", self.signup_closes)
        if closes <= opens:
            raise invalid(signup_closes="受付終了は受付開始より後にしてください / sign-up must close after it opens")
        if closes > self.starts_at:
            raise invalid(signup_closes="受付終了は初回の開始までです / sign-up must close by the first start")
        changed = [name for name, value in changes.items() if getattr(self, name) != value]
        for name in changed:
            setattr(self, name, changes[name])
        return changed

    def announce_update(self, changed: list[str], active: list["SignUp"]) -> None:
        concerned = sorted({s.participant for s in active}) if {"title", "description"} & set(changed) else []
        self.events.append(events.GatheringUpdated(
            gathering_id=self.id, organiser_id=self.organiser_id, changed=changed, capacity=self.capacity,
            participants=concerned))

    def call_off(self, reason: str, now: datetime) -> str:
        """The organiser cancels; returns the reason each sign-up ends with."""
        self._check_changeable(now)
        reason = " ".join(reason.split())
        if not reason:
            raise invalid(reason="中止の理由を入力してください / say why the gathering is cancelled")
        self.status, self.refusal_reason = CALLED_OFF, reason
        self.events.append(events.GatheringCancelled(
            gathering_id=self.id, organiser_id=self.organiser_id, reason=reason, booking_ids=self.booking_ids))
        return f"主催者が催しを中止しました / the organiser cancelled the gathering: {reason}"

    def check_open_for_sign_up(self, now: datetime) -> None:
        if self.status != SCHEDULED:
            raise Conflict("この催しは受付していません / this gathering is not taking sign-ups")
        if now < self.signup_opens:
            raise Conflict(f"申込受付は {self.signup_opens.isoformat()} からです / "
                           f"sign-up opens at {self.signup_opens.isoformat()}")
        if now > self.signup_closes:
            raise Conflict("申込受付は終了しました / sign-up has closed")

    def _check_held(self) -> None:
        if self.status != SCHEDULED:
            raise Conflict(f"開催されていない催しです（{self.status}） / a {self.status} gathering did not take place")

    def record_attendance(self, sign_ups: list["SignUp"], attended_ids: set[str]) -> None:
        self._check_held()
        known = {s.id for s in sign_ups}
        unknown = sorted(attended_ids - known)
        if unknown:
            raise invalid(attended=f"この催しの申込ではありません / not sign-ups of this gathering: {', '.join(unknown)}")
        came = [s for s in sign_ups if s.id in attended_ids]
        for sign_up in sign_ups:
            sign_up.attended = sign_up.id in attended_ids
        self.attendance_recorded = True
        self.events.append(events.GatheringAttendanceRecorded(
            gathering_id=self.id, organiser_id=self.organiser_id, region=self.region,
            held_on=self.starts_at.date().isoformat(),
            signed_up=sum(s.seats for s in sign_ups if s.status == SIGNED_UP),
            attended=sum(s.seats for s in came),
            youth_attended=sum(s.seats for s in came if s.youth),
            first_timers_attended=sum(s.seats for s in came if s.first_timer)))

    def record_outcome(self, outcome: Outcome, now: datetime) -> None:
        self._check_held()
        if now < self.starts_at:
            raise Conflict("開催前は記録できません / the outcome is recorded after the gathering starts")
        self.outcome = outcome
        self.events.append(events.GatheringOutcomeRecorded(
            gathering_id=self.id, organiser_id=self.organiser_id, ideas=len(outcome.ideas),
            follow_ups=len(outcome.follow_ups)))


@dataclass
class SignUp:
    id: str
    gathering_id: str
    participant: str  # "citizen:<talent id>" or "organisation:<id>"
    seats: int
    status: str
    signed_up_at: datetime
    youth: bool
    first_timer: bool
    confirm_by: datetime | None = None
    attended: bool | None = None
    reminded_for: datetime | None = None  # the occurrence last reminded of
    events: list = field(default_factory=list, repr=False, compare=False)

    def _facts(self) -> dict:
        return {"gathering_id": self.gathering_id, "sign_up_id": self.id,
                "participant": self.participant, "seats": self.seats}

    def announce(self) -> None:
        self.events.append(events.GatheringSignedUp(**self._facts(), status=self.status,
                                                    youth=self.youth, first_timer=self.first_timer))

    def cancel(self, reason: str = "") -> str:
        """End the sign-up; `reason` says why when the gathering's side ended it. Returns the
        status it had, so the caller knows whether seats come free."""
        if self.status not in ACTIVE_SIGN_UPS:
            raise Conflict("取り消せる申込ではありません / this sign-up is not active")
        previous, self.status, self.confirm_by = self.status, CANCELLED, None
        self.events.append(events.GatheringSignUpCancelled(**self._facts(), previous_status=previous,
                                                           reason=reason))
        return previous

    def offer_place(self, confirm_by: datetime) -> None:
        self.status, self.confirm_by = OFFERED, confirm_by
        self.events.append(events.GatheringPlaceOffered(**self._facts(), confirm_by=confirm_by.isoformat()))

    def confirm(self, now: datetime) -> None:
        if self.status != OFFERED:
            raise Conflict("確認待ちの申込ではありません / no place is offered to this sign-up")
        if self.confirm_by is not None and now > self.confirm_by:
            raise Conflict("確認期限を過ぎました / the confirmation deadline has passed")
        self.status, self.confirm_by = SIGNED_UP, None
        self.events.append(events.GatheringPlaceConfirmed(**self._facts()))

    def expire_offer(self) -> None:
        self.status, self.confirm_by = OFFER_EXPIRED, None
        self.events.append(events.GatheringOfferExpired(**self._facts()))

    def remind(self, occurrence: Occurrence) -> None:
        self.reminded_for = occurrence.starts_at
        self.events.append(events.GatheringReminderDue(**self._facts(),
                                                       starts_at=occurrence.starts_at.isoformat()))


def occurrences(starts_at: datetime, ends_at: datetime, weekly_until: date | None) -> list[Occurrence]:
    """One occurrence, or a weekly series up to and including `weekly_until`."""
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise invalid(starts_at="日時にはタイムゾーンが必要です / times need a time zone")
    if ends_at <= starts_at:
        raise invalid(ends_at="終了は開始より後にしてください / the end must come after the start")
    if weekly_until is not None and weekly_until < starts_at.date():
        raise invalid(weekly_until="繰り返しの終わりは初回より後にしてください / the series must end after its first date")
    found, step = [], timedelta(weeks=1)
    while not found or (weekly_until is not None and starts_at.date() <= weekly_until):
        if len(found) == MAX_OCCURRENCES:
            raise invalid(weekly_until=f"回数は {MAX_OCCURRENCES} 回までです / at most {MAX_OCCURRENCES} occurrences")
        found.append(Occurrence(starts_at, ends_at))
        starts_at, ends_at = starts_at + step, ends_at + step
    return found


def room_problem(gathering: Gathering, bookings: dict[str, KnownBooking]) -> str | None:
    """Why the known bookings cannot hold this gathering (Japanese first), or None."""
    for booking_id, occurrence in zip(gathering.booking_ids, gathering.occurrences):
        booking = bookings.get(booking_id)
        if booking is None:
            continue
        if booking.organisation_id != gathering.organiser_id:
            return f"主催団体の予約ではありません / booking {booking_id} is not the organiser's"
        if booking.status not in ("requested", "confirmed"):
            return f"予約が{booking.status}です / booking {booking_id} is {booking.status}"
        if booking.starts_at > occurrence.starts_at or booking.ends_at < occurrence.ends_at:
            return (f"予約の時間が開催時間を含みません / booking {booking_id} does not cover "
                    f"{occurrence.starts_at.isoformat()}–{occurrence.ends_at.isoformat()}")
    return None


def create(*, gathering_id: str, organiser_id: str, organiser_region: str, organiser_fields: list[str],
           title: str, description: str, kind: str, occurrences_: list[Occurrence],
           booking_ids: list[str], online_url: str | None, capacity: int, target_age_bands: list[str],
           target_regions: list[str], target_fields: list[str], fee_yen: int,
           signup_opens: datetime | None, signup_closes: datetime | None,
           bookings: dict[str, KnownBooking], now: datetime) -> Gathering:
    title = " ".join(title.split())
    if not title:
        raise invalid(title="件名を入力してください / title is required")
    if bool(booking_ids) == bool(online_url):
        raise invalid(booking_ids="会場の予約かオンラインのリンクのどちらか一方を指定してください / "
                                  "give either room bookings or an online link, not both")
    if booking_ids and len(booking_ids) != len(occurrences_):
        raise invalid(booking_ids=f"開催回ごとに1件の予約が必要です（{len(occurrences_)}回） / "
                                  f"one booking per occurrence is needed ({len(occurrences_)})")
    if len(set(booking_ids)) != len(booking_ids):
        raise invalid(booking_ids="同じ予約が重複しています / a booking is listed twice")
    signup_opens = signup_opens or now
    signup_closes = signup_closes or occurrences_[0].starts_at
    if signup_closes <= signup_opens:
        raise invalid(signup_closes="受付終了は受付開始より後にしてください / sign-up must close after it opens")
    if signup_closes > occurrences_[0].starts_at:
        raise invalid(signup_closes="受付終了は初回の開始までです / sign-up must close by the first start")
    gathering = Gathering(
        id=gathering_id, organiser_id=organiser_id, title=title, description=description.strip(),
        kind=kind, occurrences=occurrences_, booking_ids=list(booking_ids), online_url=online_url,
        capacity=capacity, target_age_bands=list(target_age_bands), target_regions=list(target_regions),
        target_fields=list(target_fields or organiser_fields),
        region=target_regions[0] if target_regions else organiser_region, fee_yen=fee_yen,
        signup_opens=signup_opens, signup_closes=signup_closes,
        status=WAITING_FOR_ROOM if booking_ids else SCHEDULED, created_at=now)
    problem = room_problem(gathering, bookings)
    if problem:
        raise invalid(booking_ids=problem)
    gathering.settle_room(bookings)
    gathering.events[:] = [events.GatheringCreated(
        gathering_id=gathering.id, organiser_id=organiser_id, kind=kind, region=gathering.region,
        fields=gathering.target_fields, starts_at=gathering.starts_at.isoformat(), capacity=capacity,
        fee_yen=fee_yen, online=gathering.online, status=gathering.status)]
    return gathering


def new_sign_up(*, sign_up_id: str, gathering: Gathering, participant: str, seats: int,
                age_band: str | None, joined_before: bool, seat_taken: bool, now: datetime) -> SignUp:
    sign_up = SignUp(id=sign_up_id, gathering_id=gathering.id, participant=participant, seats=seats,
                     status=SIGNED_UP if seat_taken else WAITLISTED_SEAT, signed_up_at=now,
                     youth=age_band in YOUTH_AGE_BANDS, first_timer=not joined_before)
    sign_up.announce()
    return sign_up


OUTSIDE_AGE_BANDS = "対象外（年代） / outside the target age bands"
OUTSIDE_REGIONS = "対象外（地域） / outside the target regions"


def outside_target(gathering: Gathering, age_band: str | None, home_region: str | None,
                   regions: list[str]) -> list[str]:
    """Why a person's profile falls outside the gathering's target. Advisory, as a support center
    means it ("主に若者向け"): shown as 対象外, never a reason to refuse a sign-up. Fields are not
    compared: they default to the organiser's own and say what it is about, not who may come."""
    notes = []
    if gathering.target_age_bands and age_band and age_band not in gathering.target_age_bands:
        notes.append(OUTSIDE_AGE_BANDS)
    where = [home_region] if home_region else regions
    if gathering.target_regions and where and not set(where) & set(gathering.target_regions):
        notes.append(OUTSIDE_REGIONS)
    return notes


def next_reminder(gathering: Gathering, sign_up: SignUp, now: datetime) -> Occurrence | None:
    """The occurrence starting within a day that this sign-up has not been reminded of."""
    for occurrence in gathering.occurrences:
        if now < occurrence.starts_at <= now + timedelta(days=1):
            if sign_up.reminded_for is None or sign_up.reminded_for < occurrence.starts_at:
                return occurrence
    return None
