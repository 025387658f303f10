"""What reports' use cases need of storage: one read model per report, and the unit of work."""
from datetime import date, datetime
from typing import Protocol

from services.common.domain_events import DomainEvent
from services.common.unit_of_work import Inbox
from services.reports.domain.caseload import Caseload
from services.reports.domain.facility_use import FacilityUse
from services.reports.domain.membership import RateSnapshot


class SummaryRepository(Protocol):
    """Organisations and needs per region."""

    def record_organisation(self, organisation_id: str, region: str,
                            status: str = "verified") -> None: ...

    def change_organisation(self, organisation_id: str, *, region: str | None = None,
                            status: str | None = None) -> None:
        """An organisation not yet known is left alone (its registered event carries the
        facts too)."""

    def verified_by_region(self) -> dict[str, int]: ...

    def record_need(self, need_id: str, organisation_id: str, region: str) -> None: ...

    def organisations_by_region(self) -> dict[str, int]: ...

    def needs_by_region(self) -> dict[str, int]: ...


class FacilityUseRepository(Protocol):
    def record_facility(self, facility_id: str, region: str, rooms: int) -> None: ...

    def set_manager(self, facility_id: str, organisation_id: str) -> None: ...

    def booking_status(self, booking_id: str) -> str | None: ...

    def record_booking(self, *, booking_id: str, facility_id: str, room_id: str,
                       organisation_id: str, starts_at: datetime, ends_at: datetime, status: str,
                       known: bool) -> None: ...

    def per_facility(self, region: str | None, month: str | None) -> list[FacilityUse]: ...


class MembershipRepository(Protocol):
    def record_snapshot(self, snapshot: RateSnapshot) -> None:
        """Replaces the snapshot of the same region and day."""

    def snapshots_until(self, as_of: date, region: str | None) -> list[RateSnapshot]: ...

    def record_interest(self, interest_id: str, organisation_id: str, region: str) -> None: ...

    def interests_by_region(self, region: str | None) -> dict[str, int]: ...


class CaseloadRepository(Protocol):
    def opened(self, consultation_id: str, channel: str, topics: list[str],
               opened_at: datetime) -> None: ...

    def status_changed(self, consultation_id: str, status: str, topics: list[str],
                       changed_at: datetime) -> None: ...

    def count(self, consultation_id: str, column: str, at: datetime) -> None:
        """Adds one to `follow_ups` or `referrals`."""

    def caseload(self, from_month: str | None, to_month: str | None) -> Caseload: ...


class NetworkRepository(Protocol):
    """Ties between organisations and roster sizes."""

    def declared(self, tie_id: str, organisation_id: str, related_id: str, kind: str) -> None: ...

    def removed(self, tie_id: str) -> None: ...

    def all(self) -> list[tuple[str, str, str]]:
        """(organisation_id, related_organisation_id, kind) of every tie."""

    def roster_added(self, entry_id: str, organisation_id: str, role: str) -> None: ...

    def roster_removed(self, entry_id: str) -> None: ...

    def roster(self) -> list[tuple[str, str]]:
        """(organisation_id, role) of every roster entry."""


class ReportsUnitOfWork(Protocol):
    summary: SummaryRepository
    facility_use: FacilityUseRepository
    membership: MembershipRepository
    caseload: CaseloadRepository
    networks: NetworkRepository
    inbox: Inbox

    def emit(self, event: DomainEvent) -> None: ...

    def commit(self) -> None: ...

    def __enter__(self) -> "ReportsUnitOfWork": ...

    def __exit__(self, *exc_info) -> None: ...
