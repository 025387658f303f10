"""What matching's use cases need of storage: its repositories, their queries, its unit of work."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from services.common.domain_events import DomainEvent
from services.common.unit_of_work import Inbox
from services.matching.domain.funding import FundingApplication, FundingOpportunity
from services.matching.domain.gatherings import Gathering, KnownBooking, SignUp
from services.matching.domain.match import Match, RelayedMessage
from services.matching.domain.need import KnownOrganisation, Need
from services.matching.domain.offer import Offer
from services.matching.domain.offer_fulfilment import Fulfilment
from services.matching.domain.staff_invitation import StaffInvitation
from services.matching.domain.talent import Talent

@dataclass(frozen=True)
class NeedFilter:
    organisation_id: str | None = None
    region: str | None = None
    status: str | None = None
    after: list | None = None
    limit: int = 50

@dataclass(frozen=True)
class MatchFilter:
    need_id: str | None = None
    talent_id: str | None = None
    organisation_id: str | None = None
    status: str | None = None
    after: list | None = None
    limit: int = 50

class KnownOrganisationRepository(Protocol):
    """Registry's organisations as matching knows them (a read model fed by registry's events)."""

    def get(self, organisation_id: str) -> KnownOrganisation | None: ...

    def save(self, organisation: KnownOrganisation) -> None: ...

    def verified(self) -> list[KnownOrganisation]:
        """Every verified organisation (funding windows are announced to those eligible)."""

class NeedRepository(Protocol):
    def add(self, need: Need) -> None: ...

    def get(self, need_id: str) -> Need | None: ...

    def save(self, need: Need) -> None: ...  # its status

    def list(self, query: NeedFilter) -> list[Need]: ...

    def open_needs(self) -> list[Need]: ...

    def take_slot(self, need_id: str) -> bool:
        """One slot if one is free, decided by the store so concurrent accepts never over-fill."""
    def release_slot(self, need_id: str) -> None: ...

@dataclass(frozen=True)
class TalentsVersion:
    store: str  # which database: a pool built from one is never patched from another
    # Numbers the transactions that wrote profiles, in the order they committed (each takes the
    # next number under a lock held to its commit), so "after revision n" misses no change however
    # late it commits; profile times could not promise that.
    revision: int
    last_erasure: int  # the revision that last deleted a profile (a deletion leaves no row to find)


class TalentRepository(Protocol):
    def add(self, talent: Talent) -> None: ...
    def save(self, talent: Talent) -> None: ...
    def get(self, talent_id: str) -> Talent | None: ...
    def all(self) -> list[Talent]: ...
    def known(self, talent_ids: set[str]) -> set[str]:
        """Those of the ids still stored."""

    def version(self) -> TalentsVersion:
        """Moves whenever a profile is added, changed or deleted (keys the cached talent pool)."""

    def changed_after(self, revision: int) -> list[Talent]:
        """Every stored profile added or changed by a revision after `revision`."""

    def ids(self) -> set[str]:
        """Every stored profile's id."""

    def list(self, after: list | None, limit: int) -> list[Talent]: ...

class MatchRepository(Protocol):
    def add(self, match: Match) -> None: ...

    def save(self, match: Match) -> None:
        """Refuses (Conflict) a match whose status changed since it was read."""
    def get(self, match_id: str, for_update: bool = False) -> Match | None: ...
    def active_for_pair(self, need_id: str, talent_id: str) -> Match | None: ...
    def talents_for_need(self, need_id: str) -> set[str]: ...
    def needs_for_talent(self, talent_id: str) -> set[str]: ...
    def waitlisted_for(self, need_id: str) -> list[Match]:
        """Oldest first: the order freed slots go in."""

    def stale(self, before: datetime) -> list[Match]: ...

    def hours_since(self, since: datetime) -> dict[str, float]: ...

    def invitations_since(self, since: datetime) -> dict[str, int]: ...

    def matched_since(self, since: datetime) -> dict[str, int]: ...

    def list(self, query: MatchFilter) -> list[Match]: ...

class MatchMessageRepository(Protocol):
    def add(self, message: RelayedMessage) -> None: ...

    def get(self, message_id: str) -> RelayedMessage | None: ...

    def for_match(self, match_id: str) -> list[RelayedMessage]: ...

class ImpressionRepository(Protocol):
    """Who was shown as a candidate for which need, and when (for the exposure report)."""

    def record(self, shown: list[tuple[str, str, datetime]]) -> None:
        """(talent id, need id, shown at) rows, in the caller's transaction."""

    def counts_since(self, since: datetime) -> dict[str, int]: ...

class OfferRepository(Protocol):
    def add(self, offer: Offer) -> None: ...

    def save(self, offer: Offer) -> None: ...

    def get(self, offer_id: str) -> Offer | None: ...

    def open_offers(self) -> list[Offer]: ...

    def list(self, organisation_id: str | None, after: list | None, limit: int) -> list[Offer]: ...

class FulfilmentRepository(Protocol):
    def add(self, fulfilment: Fulfilment) -> None:
        """Raises Conflict when the offer's fulfilment is already stored (it is recorded once)."""

    def get(self, offer_id: str) -> Fulfilment | None: ...


class StaffInvitationRepository(Protocol):
    def add(self, invitation: StaffInvitation) -> None: ...

    def save(self, invitation: StaffInvitation) -> None: ...

    def get(self, invitation_id: str) -> StaffInvitation | None: ...

    def list(self, partner_id: str | None, person_id: str | None, status: str | None, after: list | None,
             limit: int) -> list[StaffInvitation]:
        """Oldest first; a None filter matches every value."""

class PersonalDataRepository(Protocol):
    def erase_person(self, person_id: str, alias: str) -> dict[str, int]:
        """Delete the person's profile, staff invitations, calendar feed and the messages of their
        matches; keep their matches, impressions and gathering sign-ups (counts and hours depend on
        them) under `alias`, feedback ratings without comments. A count per kind of record."""


@dataclass(frozen=True)
class GatheringFilter:
    organiser_id: str | None = None
    region: str | None = None
    kind: str | None = None
    starting_after: datetime | None = None
    after: list | None = None
    limit: int = 50


class GatheringRepository(Protocol):
    def add(self, gathering: Gathering) -> None: ...

    def save(self, gathering: Gathering) -> None: ...

    def get(self, gathering_id: str) -> Gathering | None: ...

    def list(self, query: GatheringFilter) -> list[Gathering]: ...

    def using_booking(self, booking_id: str) -> Gathering | None: ...

    def running_between(self, start: datetime, end: datetime) -> list[Gathering]:
        """Scheduled gatherings with some occurrence possibly inside [start, end]."""

    def take_seats(self, gathering_id: str, seats: int) -> bool:
        """The seats if they are free, decided by the store so concurrent sign-ups never over-fill."""

    def release_seats(self, gathering_id: str, seats: int) -> None: ...

    def resize(self, gathering_id: str, capacity: int) -> bool:
        """The new capacity if it is not below the seats taken, decided by the store."""


class SignUpRepository(Protocol):
    def add(self, sign_up: SignUp) -> None: ...

    def save(self, sign_up: SignUp) -> None: ...

    def get(self, sign_up_id: str) -> SignUp | None: ...

    def for_gathering(self, gathering_id: str) -> list[SignUp]:
        """Oldest first: the waitlist's order."""

    def for_participant(self, participant: str) -> list[SignUp]: ...

    def offers_expired(self, now: datetime) -> list[SignUp]: ...


class KnownBookingRepository(Protocol):
    """Registry's room bookings as matching hears of them (a read model fed by registry's events)."""

    def save(self, booking: KnownBooking) -> None: ...

    def lock(self, booking_ids: list[str]) -> None:
        """Until commit, `save` of these bookings in other transactions waits for this one, and
        this waits for theirs: read `get_many` after it and nothing saved meanwhile is missed.
        Bookings not heard of yet are locked too (and `get_many` still leaves them out)."""

    def get_many(self, booking_ids: list[str]) -> dict[str, KnownBooking]: ...


class CalendarFeedRepository(Protocol):
    """Each participant's calendar feed version: a feed URL is valid only for the current one."""

    def version(self, participant: str) -> int:
        """0 until the participant first rotates."""

    def rotate(self, participant: str) -> int:
        """The next version, now current."""


class FundingOpportunityRepository(Protocol):
    def add(self, opportunity: FundingOpportunity) -> None: ...

    def save(self, opportunity: FundingOpportunity) -> None: ...

    def get(self, opportunity_id: str) -> FundingOpportunity | None: ...

    def list(self, open_on: date | None, after: list | None, limit: int) -> list[FundingOpportunity]:
        """By closing day; only those whose window includes `open_on` when it is given."""

    def open_on(self, day: date) -> list[FundingOpportunity]: ...


class FundingApplicationRepository(Protocol):
    def add(self, application: FundingApplication) -> None: ...

    def save(self, application: FundingApplication) -> None: ...

    def get(self, application_id: str) -> FundingApplication | None: ...

    def for_organisation(self, organisation_id: str) -> list[FundingApplication]: ...

    def applicants(self, opportunity_id: str) -> set[str]: ...


class MatchingUnitOfWork(Protocol):
    organisations: KnownOrganisationRepository
    needs: NeedRepository
    talents: TalentRepository
    matches: MatchRepository
    match_messages: MatchMessageRepository
    impressions: ImpressionRepository
    offers: OfferRepository
    fulfilments: FulfilmentRepository
    staff_invitations: StaffInvitationRepository
    personal_data: PersonalDataRepository
    gatherings: GatheringRepository
    sign_ups: SignUpRepository
    bookings: KnownBookingRepository
    calendar_feeds: CalendarFeedRepository
    opportunities: FundingOpportunityRepository
    applications: FundingApplicationRepository
    inbox: Inbox
    def emit(self, event: DomainEvent) -> None: ...
    def commit(self) -> None: ...
    def __enter__(self) -> MatchingUnitOfWork: ...
    def __exit__(self, *exc_info) -> None: ...
