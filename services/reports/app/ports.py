"""What reports' use cases need of storage: one read model per report, and the unit of work."""
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from services.common.domain_events import DomainEvent
from services.common.unit_of_work import Inbox
from services.reports.domain.caseload import Caseload
from services.reports.domain.funding_outcomes import ApplicationFact
from services.reports.domain.delivery_outcomes import DeliveryCount, DeliveryOutcome
from services.reports.domain.gathering_participation import GatheringRow
from services.reports.domain.csr_ledger import LedgerLine
from services.reports.domain.facility_use import FacilityUse
from services.reports.domain.kpi import IndicatorVersion, KpiFact, RateFact, Totals
from services.reports.domain.membership import RateSnapshot
from services.reports.domain.partner_directory import Listing
from services.reports.domain.report_document import ReportDocument
from services.reports.domain.report_job import ReportFile, ReportJob
from services.reports.domain.stored_event import StoredEvent
from services.reports.domain.survey import Survey, SurveyResponse


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


@dataclass(frozen=True)
class OfferFact:
    offer_id: str
    partner_id: str
    kind: str
    regions: tuple[str, ...]
    fields: tuple[str, ...]
    starts: date
    quantity: float | None
    unit: str | None


@dataclass(frozen=True)
class NeedFact:
    need_id: str
    organisation_id: str
    region: str
    fields: tuple[str, ...]


class CsrLedgerRepository(Protocol):
    """Matching's facts a CSR ledger needs, the ledger lines, and partners' declared headcounts."""

    def record_offer(self, offer: OfferFact) -> None:
        """Keeps the latest facts of an offer (replacing what was kept)."""

    def offer(self, offer_id: str) -> OfferFact | None: ...

    def offers_of(self, partner_id: str) -> list[OfferFact]: ...

    def record_staff(self, talent_id: str, offer_id: str | None) -> None: ...

    def staff_offer(self, talent_id: str) -> str | None:
        """The CSR offer that put this talent forward, if any."""

    def record_need(self, need: NeedFact) -> None: ...

    def need(self, need_id: str) -> NeedFact | None: ...

    def save_line(self, line: LedgerLine) -> None:
        """Adds or replaces the line with this line id."""

    def line(self, line_id: str) -> LedgerLine | None: ...

    def lines_for(self, partner_id: str, fiscal_year: int) -> list[LedgerLine]: ...

    def partners(self) -> list[str]:
        """Every partner with at least one ledger line."""

    def set_headcount(self, partner_id: str, headcount: int) -> None: ...

    def headcount(self, partner_id: str) -> int | None: ...


class ReportJobRepository(Protocol):
    def add(self, job: ReportJob) -> None: ...

    def get(self, job_id: str) -> ReportJob | None: ...

    def save(self, job: ReportJob) -> None:
        """Stores the job's status and when it finished."""

    def add_file(self, job_id: str, report_file: ReportFile) -> None: ...

    def file(self, job_id: str, fmt: str) -> ReportFile | None: ...

    def recent(self, partner_id: str | None, limit: int) -> list[ReportJob]:
        """Newest first; only that partner's when one is named."""


class ReportRenderer(Protocol):
    """Writes a report document as a file of one format (pdf, xlsx, csv)."""

    def render(self, document: ReportDocument, fmt: str) -> ReportFile: ...


class EventLogRepository(Protocol):
    """Every event reports applied, in the order it applied them."""

    def append(self, event: StoredEvent) -> None: ...

    def stream(self, until: datetime | None = None) -> Iterator[StoredEvent]:
        """Oldest first, a page at a time (a replay's memory stays flat)."""

    def get(self, event_id: str) -> StoredEvent | None: ...

    def count(self) -> int: ...


class ReadModelStore(Protocol):
    def clear(self) -> None:
        """Empties every table fed by events alone (not jobs, files or declared headcounts)."""


class KpiRepository(Protocol):
    """KPI facts (one per event and measure), registry's rates, age bands, indicator versions."""

    def add_fact(self, fact: KpiFact) -> None: ...

    def add_rate(self, rate: RateFact) -> None: ...

    def record_talent(self, talent_id: str, age_band: str) -> None: ...

    def age_band(self, talent_id: str) -> str | None: ...

    def organisation_region(self, organisation_id: str) -> str | None: ...

    def totals(self, cutoff: date) -> Totals:
        """Facts up to `cutoff` added up per measure, fiscal year and region, and per measure
        and fiscal year for the whole city (region None)."""

    def rates(self, cutoff: date) -> list[RateFact]: ...

    def fact_events(self, measures: list[str], fiscal_year: int, region: str | None,
                    cutoff: date) -> list[KpiFact]:
        """The facts behind a value (oldest first, at most a thousand)."""

    def add_version(self, version: IndicatorVersion) -> None: ...

    def versions(self, code: str) -> list[IndicatorVersion]:
        """Oldest first."""

    def latest_versions(self, at: datetime | None = None) -> list[IndicatorVersion]:
        """Each indicator's latest version defined at or before `at`."""


class SurveyRepository(Protocol):
    def add(self, survey: Survey) -> None: ...

    def get(self, survey_id: str) -> Survey | None: ...

    def save(self, survey: Survey) -> None:
        """Stores the survey's status and when it opened or closed."""

    def listed(self, statuses: tuple[str, ...], after: list | None, limit: int,
               invited: str | None = None) -> list[Survey]:
        """Newest first (created_at, then id, both descending), after the key `after`, in one
        of `statuses`; `invited`: only those that business was invited to."""

    def invite(self, survey_id: str, partner_ids: list[str]) -> None:
        """Adds the invitations not made yet."""

    def invited(self, survey_id: str) -> set[str]: ...

    def save_response(self, response: SurveyResponse) -> None:
        """Adds or replaces the business's one answer to the survey."""

    def response(self, survey_id: str, partner_id: str) -> SurveyResponse | None: ...

    def responses(self, survey_id: str) -> list[SurveyResponse]: ...


class DirectoryRepository(Protocol):
    def save(self, listing: Listing) -> None:
        """Adds or replaces the partner's listing."""

    def remove(self, partner_id: str) -> None: ...

    def listed(self) -> list[Listing]:
        """By display name."""


class PersonalDataRepository(Protocol):
    def pseudonymise_talent(self, talent_id: str, alias: str) -> dict[str, int]:
        """Put `alias` where the read models name the person (staff facts, ledger lines, age
        bands), so counts of volunteers stay right and nothing links back. A count per kind."""


class GatheringParticipationRepository(Protocol):
    """One row per gathering, from matching's gathering events."""

    def get(self, gathering_id: str) -> GatheringRow | None: ...

    def save(self, row: GatheringRow) -> None: ...

    def in_fiscal_year(self, fiscal_year: int) -> list[GatheringRow]: ...

    def remove(self, gathering_id: str) -> None:
        """A gathering that will not take place is not counted."""


class FundingOutcomeRepository(Protocol):
    """Funding programmes and applications, from matching's funding events."""

    def save_programme(self, opportunity_id: str, programme: str, funder: str, fiscal_year: int) -> None: ...

    def programmes(self, fiscal_year: int) -> list[str]: ...

    def get(self, application_id: str) -> ApplicationFact | None: ...

    def save(self, fact: ApplicationFact) -> None: ...

    def in_fiscal_year(self, fiscal_year: int) -> list[ApplicationFact]: ...


class DeliveryOutcomeRepository(Protocol):
    """Notifications' final delivery outcomes, one per delivery (the latest wins)."""

    def record(self, outcome: DeliveryOutcome) -> None: ...

    def counts(self, first: date, last: date) -> list[DeliveryCount]:
        """Per day, channel and kind, in that order."""


class ReportsUnitOfWork(Protocol):
    summary: SummaryRepository
    facility_use: FacilityUseRepository
    membership: MembershipRepository
    caseload: CaseloadRepository
    networks: NetworkRepository
    csr: CsrLedgerRepository
    jobs: ReportJobRepository
    event_log: EventLogRepository
    kpi: KpiRepository
    surveys: SurveyRepository
    directory: DirectoryRepository
    gatherings: GatheringParticipationRepository
    funding: FundingOutcomeRepository
    deliveries: DeliveryOutcomeRepository
    read_models: ReadModelStore
    personal_data: PersonalDataRepository
    inbox: Inbox

    def emit(self, event: DomainEvent) -> None: ...

    def commit(self) -> None: ...

    def __enter__(self) -> "ReportsUnitOfWork": ...

    def __exit__(self, *exc_info) -> None: ...
