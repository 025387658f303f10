"""What registry's use cases need from storage: a repository per aggregate and the unit of work.

The SQL adapters and the in-memory fakes both implement these (services/registry/tests/unit/
test_ports.py checks that they do).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from services.common.domain_events import DomainEvent
from services.common.unit_of_work import Inbox
from services.registry.domain.consultation import Consultation
from services.registry.domain.facility import Booking, Facility
from services.registry.domain.membership import AssociationArea, HouseholdFigure
from services.registry.domain.network import Tie
from services.registry.domain.organisation import Organisation
from services.registry.domain.roster import RosterEntry

if TYPE_CHECKING:  # the queries live beside their use cases, which import this module
    from services.registry.app.consultations import ConsultationFilter
    from services.registry.app.facilities import BookingFilter, FacilityFilter
    from services.registry.app.organisations import OrganisationFilter


class OrganisationRepository(Protocol):
    def add(self, organisation: Organisation) -> None: ...

    def save(self, organisation: Organisation) -> None: ...

    def get(self, organisation_id: str) -> Organisation | None: ...

    def list(self, query: OrganisationFilter) -> list[Organisation]: ...


class FacilityRepository(Protocol):
    def add(self, facility: Facility) -> None: ...

    def save(self, facility: Facility) -> None: ...

    def get(self, facility_id: str) -> Facility | None: ...

    def get_by_room(self, room_id: str) -> Facility | None: ...

    def managed_by(self, organisation_id: str) -> set[str]: ...

    def list(self, query: FacilityFilter) -> list[Facility]: ...


class BookingRepository(Protocol):
    """Refuses (Conflict) a write that would make two confirmed bookings of a room overlap."""

    def add(self, booking: Booking) -> None: ...

    def save(self, booking: Booking) -> None: ...

    def get(self, booking_id: str) -> Booking | None: ...

    def confirmed_for_room(self, room_id: str, start: datetime, end: datetime) -> list[Booking]: ...

    def list(self, query: BookingFilter) -> list[Booking]: ...


class AssociationRepository(Protocol):
    def set_area(self, area: AssociationArea) -> None: ...

    def area(self, organisation_id: str) -> AssociationArea | None: ...

    def areas(self, region: str | None = None) -> list[AssociationArea]: ...

    def covering(self, region: str, town: str) -> list[AssociationArea]: ...

    def names(self, organisation_ids: list[str]) -> dict[str, str]: ...

    def add_figure(self, figure: HouseholdFigure) -> None: ...

    def figure(self, figure_id: str) -> HouseholdFigure | None: ...

    def figures_until(self, as_of: date, organisation_ids: list[str]) -> list[HouseholdFigure]: ...

    def figures_of(self, organisation_ids: list[str]) -> list[HouseholdFigure]: ...

    def lock_region(self, region: str) -> None:
        """Until commit, nobody else recalculates the region's membership rate."""

    def has_interest(self, interest_id: str) -> bool: ...

    def add_interest(self, interest_id: str, organisation_id: str, region: str, town: str,
                     registered_by: str, now: datetime) -> None: ...

    def remove_interests_of(self, registered_by: str) -> int:
        """Erasure: every interest one key's holder registered; how many there were."""


class ConsultationRepository(Protocol):
    def add(self, consultation: Consultation) -> None: ...

    def save(self, consultation: Consultation) -> None: ...

    def get(self, consultation_id: str) -> Consultation | None: ...

    def list(self, query: ConsultationFilter) -> list[Consultation]: ...


class TieRepository(Protocol):
    def add(self, tie: Tie) -> None: ...

    def get(self, tie_id: str) -> Tie | None: ...

    def exists(self, organisation_id: str, related_organisation_id: str, kind: str) -> bool: ...

    def remove(self, tie_id: str) -> None: ...

    def touching(self, organisation_ids: list[str]) -> list[Tie]: ...


class RosterRepository(Protocol):
    def add(self, entry: RosterEntry) -> None: ...

    def get(self, entry_id: str) -> RosterEntry | None: ...

    def remove(self, entry_id: str) -> None: ...

    def of_organisation(self, organisation_id: str) -> list[RosterEntry]: ...

    def of_person(self, person_id: str) -> list[RosterEntry]: ...


class RegistryUnitOfWork(Protocol):
    """Aggregates given to `add`/`save` have their events committed with them; `emit` is for
    events no aggregate carries."""

    organisations: OrganisationRepository
    facilities: FacilityRepository
    bookings: BookingRepository
    associations: AssociationRepository
    consultations: ConsultationRepository
    ties: TieRepository
    rosters: RosterRepository
    inbox: Inbox

    def emit(self, event: DomainEvent) -> None: ...

    def commit(self) -> None: ...

    def __enter__(self) -> RegistryUnitOfWork: ...

    def __exit__(self, *exc_info) -> None: ...
