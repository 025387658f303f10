"""Events matching raises. Ids and public facts only: never names, e-mail or phone."""
from dataclasses import dataclass

from services.common.domain_events import DomainEvent


@dataclass(frozen=True)
class NeedPosted(DomainEvent):
    type = "matching.need_posted"
    need_id: str
    organisation_id: str
    title: str
    kind: str
    region: str
    fields: list[str]
    slots: int


@dataclass(frozen=True)
class NeedClosed(DomainEvent):
    """The need takes no more recruits: filled, closed or cancelled."""
    type = "matching.need_closed"
    need_id: str
    organisation_id: str
    reason: str


@dataclass(frozen=True)
class NeedReopened(DomainEvent):
    """A filled need has a free slot again."""
    type = "matching.need_reopened"
    need_id: str
    organisation_id: str


@dataclass(frozen=True)
class TalentRegistered(DomainEvent):
    type = "matching.talent_registered"
    talent_id: str
    age_band: str
    home_region: str | None
    regions: list[str]
    online: bool
    first_timer: bool
    origin: str
    offer_id: str | None  # the CSR offer that put a business's staff member forward


@dataclass(frozen=True)
class TalentUpdated(DomainEvent):
    type = "matching.talent_updated"
    talent_id: str
    age_band: str
    home_region: str | None
    regions: list[str]
    online: bool
    first_timer: bool
    origin: str
    offer_id: str | None  # the CSR offer that put a business's staff member forward
    changed: list[str]


@dataclass(frozen=True)
class _MatchEvent(DomainEvent):
    match_id: str
    need_id: str
    talent_id: str
    organisation_id: str


@dataclass(frozen=True)
class MatchProposed(_MatchEvent):
    type = "matching.match_proposed"
    proposed_by: str
    score: float | None
    weights_version: str | None


@dataclass(frozen=True)
class MatchAccepted(_MatchEvent):
    type = "matching.match_accepted"
    by: str


@dataclass(frozen=True)
class MatchWaitlisted(_MatchEvent):
    type = "matching.match_waitlisted"
    by: str


@dataclass(frozen=True)
class MatchPromoted(_MatchEvent):
    type = "matching.match_promoted"


@dataclass(frozen=True)
class MatchConfirmed(_MatchEvent):
    type = "matching.match_confirmed"
    by: str


@dataclass(frozen=True)
class ContactReleased(_MatchEvent):
    type = "matching.contact_released"


@dataclass(frozen=True)
class MatchDeclined(_MatchEvent):
    type = "matching.match_declined"
    by: str


@dataclass(frozen=True)
class MatchWithdrawn(_MatchEvent):
    type = "matching.match_withdrawn"
    by: str


@dataclass(frozen=True)
class MatchExpired(_MatchEvent):
    type = "matching.match_expired"


@dataclass(frozen=True)
class MatchHoursLogged(_MatchEvent):
    type = "matching.match_hours_logged"
    hours: float


@dataclass(frozen=True)
class MatchCompleted(_MatchEvent):
    """The organisation approved the logged hours: only approved hours count anywhere."""
    type = "matching.match_completed"
    hours: float
    completed_on: str  # the day of approval (ISO date): places the hours in a fiscal year
    people_reached: int = 0  # as the organisation counted them when it approved


@dataclass(frozen=True)
class MatchFeedbackGiven(_MatchEvent):
    type = "matching.match_feedback_given"
    by: str
    rating: int



@dataclass(frozen=True)
class MatchMessageSent(_MatchEvent):
    """A message relayed between the parties; its text stays in matching (it may hold personal data)."""
    type = "matching.match_message_sent"
    message_id: str
    by: str


@dataclass(frozen=True)
class OfferPosted(DomainEvent):
    type = "matching.offer_posted"
    offer_id: str
    organisation_id: str
    kind: str
    regions: list[str]
    fields: list[str]
    online: bool
    starts: str
    ends: str
    status: str
    quantity: float  # with unit: the offer's stated value basis (円 for money)
    unit: str


@dataclass(frozen=True)
class OfferUpdated(DomainEvent):
    type = "matching.offer_updated"
    offer_id: str
    organisation_id: str
    kind: str
    regions: list[str]
    fields: list[str]
    online: bool
    starts: str
    ends: str
    status: str
    quantity: float  # with unit: the offer's stated value basis (円 for money)
    unit: str
    changed: list[str]


@dataclass(frozen=True)
class OfferFulfilled(DomainEvent):
    """What an offer gave, recorded once; the recipient and region come from the need it answered."""
    type = "matching.offer_fulfilled"
    offer_id: str
    organisation_id: str
    kind: str
    quantity: float
    unit: str
    value_yen: int
    value_basis: str
    need_id: str | None
    recipient_organisation_id: str | None
    region: str | None
    people_reached: int
    fulfilled_on: str  # ISO date: places the gift in a fiscal year
