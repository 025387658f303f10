"""Events registry raises. Ids and facts only: names and contacts are fetched by RPC."""
from dataclasses import dataclass

from services.common.domain_events import DomainEvent


@dataclass(frozen=True)
class OrganisationRegistered(DomainEvent):
    type = "registry.organisation_registered"
    organisation_id: str
    kind: str
    region: str
    fields: list[str]
    status: str
    # Added later (additive): what funding eligibility reads (matching keeps them).
    founded_year: int | None = None
    legal_form: str = "none"


@dataclass(frozen=True)
class OrganisationVerified(DomainEvent):
    type = "registry.organisation_verified"
    organisation_id: str


@dataclass(frozen=True)
class OrganisationRejected(DomainEvent):
    """The reason stays in registry (free text is not carried in events)."""
    type = "registry.organisation_rejected"
    organisation_id: str


@dataclass(frozen=True)
class OrganisationUpdated(DomainEvent):
    type = "registry.organisation_updated"
    organisation_id: str
    kind: str
    region: str
    fields: list[str]
    status: str
    # Added later (additive): what funding eligibility reads (matching keeps them).
    founded_year: int | None = None
    legal_form: str = "none"


@dataclass(frozen=True)
class FacilityRegistered(DomainEvent):
    type = "registry.facility_registered"
    facility_id: str
    region: str
    room_ids: list[str]


@dataclass(frozen=True)
class FacilityManagerDesignated(DomainEvent):
    """指定管理者: which organisation manages the facility, and for which period."""
    type = "registry.facility_manager_designated"
    facility_id: str
    organisation_id: str
    designated_from: str
    designated_to: str | None


@dataclass(frozen=True)
class _BookingFacts(DomainEvent):
    booking_id: str
    facility_id: str
    room_id: str
    organisation_id: str
    starts_at: str
    ends_at: str
    status: str


@dataclass(frozen=True)
class BookingRequested(_BookingFacts):
    type = "registry.booking_requested"


@dataclass(frozen=True)
class BookingConfirmed(_BookingFacts):
    type = "registry.booking_confirmed"


@dataclass(frozen=True)
class BookingDeclined(_BookingFacts):
    type = "registry.booking_declined"


@dataclass(frozen=True)
class BookingCancelled(_BookingFacts):
    type = "registry.booking_cancelled"


@dataclass(frozen=True)
class MembershipRateRecalculated(DomainEvent):
    """Registry's membership-rate row of one region as of one day, after a change that may have
    moved it: the one rule's answer, so readers never recompute it."""
    type = "registry.membership_rate_recalculated"
    region: str
    as_of: str
    associations: int
    households_in_area: int
    member_households: int
    rate: float | None


@dataclass(frozen=True)
class NewcomerInterestRegistered(DomainEvent):
    """A new resident (転入者) consented to be introduced to the association. No contact data:
    notifications asks registry for what it may show."""
    type = "registry.newcomer_interest_registered"
    interest_id: str
    organisation_id: str
    region: str
    town: str


@dataclass(frozen=True)
class ConsultationOpened(DomainEvent):
    """No notes and no names: the caseload needs only codes and dates."""
    type = "registry.consultation_opened"
    consultation_id: str
    organisation_id: str | None
    channel: str
    topics: list[str]
    opened_at: str


@dataclass(frozen=True)
class ConsultationStatusChanged(DomainEvent):
    type = "registry.consultation_status_changed"
    consultation_id: str
    status: str
    topics: list[str]
    changed_at: str


@dataclass(frozen=True)
class ConsultationFollowedUp(DomainEvent):
    type = "registry.consultation_followed_up"
    consultation_id: str
    followed_up_at: str


@dataclass(frozen=True)
class ConsultationReferred(DomainEvent):
    type = "registry.consultation_referred"
    consultation_id: str
    organisation_id: str
    referred_at: str


@dataclass(frozen=True)
class OrganisationTieDeclared(DomainEvent):
    type = "registry.organisation_tie_declared"
    tie_id: str
    organisation_id: str
    related_organisation_id: str
    kind: str


@dataclass(frozen=True)
class OrganisationTieRemoved(DomainEvent):
    type = "registry.organisation_tie_removed"
    tie_id: str
    organisation_id: str
    related_organisation_id: str
    kind: str


@dataclass(frozen=True)
class RosterEntryAdded(DomainEvent):
    """No names or contacts: the role, and the id of the person's account when there is one
    (an association's circulars reach that account; a household without one gets paper)."""
    type = "registry.roster_entry_added"
    entry_id: str
    organisation_id: str
    role: str
    person_id: str | None = None


@dataclass(frozen=True)
class RosterEntryRemoved(DomainEvent):
    type = "registry.roster_entry_removed"
    entry_id: str
    organisation_id: str
    role: str
    person_id: str | None = None
