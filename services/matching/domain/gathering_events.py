"""Events workshops, courses and talks raise. Ids, counts and public facts only: a participant
is named by its inbox key ("citizen:<talent id>" or "organisation:<id>"), never by name."""
from dataclasses import dataclass

from services.common.domain_events import DomainEvent


@dataclass(frozen=True)
class GatheringCreated(DomainEvent):
    type = "matching.gathering_created"
    gathering_id: str
    organiser_id: str
    kind: str
    region: str
    fields: list[str]
    starts_at: str
    capacity: int
    fee_yen: int
    online: bool
    status: str  # scheduled, or waiting_for_room until registry's booking is heard of


@dataclass(frozen=True)
class GatheringRoomSettled(DomainEvent):
    """The room bookings were heard of: the gathering is scheduled, or refused with the reason."""
    type = "matching.gathering_room_settled"
    gathering_id: str
    organiser_id: str
    status: str
    reason: str


@dataclass(frozen=True)
class GatheringUpdated(DomainEvent):
    """The organiser changed the gathering. `participants` (inbox keys) are those to tell: people
    holding or waiting for a place when what they signed up for (title, description) changed."""
    type = "matching.gathering_updated"
    gathering_id: str
    organiser_id: str
    changed: list[str]
    capacity: int
    participants: list[str]


@dataclass(frozen=True)
class GatheringCancelled(DomainEvent):
    """The organiser called the gathering off; its sign-ups end, each with its own event."""
    type = "matching.gathering_cancelled"
    gathering_id: str
    organiser_id: str
    reason: str
    booking_ids: list[str]  # still held at registry: the organiser's to release


@dataclass(frozen=True)
class _SignUpEvent(DomainEvent):
    gathering_id: str
    sign_up_id: str
    participant: str
    seats: int


@dataclass(frozen=True)
class GatheringSignedUp(_SignUpEvent):
    type = "matching.gathering_signed_up"
    status: str  # confirmed or waitlisted
    youth: bool
    first_timer: bool


@dataclass(frozen=True)
class GatheringSignUpCancelled(_SignUpEvent):
    type = "matching.gathering_sign_up_cancelled"
    previous_status: str
    reason: str = ""  # set when the gathering's side ended it (room lost, gathering cancelled)


@dataclass(frozen=True)
class GatheringPlaceOffered(_SignUpEvent):
    """A place freed up for someone on the waitlist, held for them until `confirm_by`."""
    type = "matching.gathering_place_offered"
    confirm_by: str


@dataclass(frozen=True)
class GatheringPlaceConfirmed(_SignUpEvent):
    type = "matching.gathering_place_confirmed"


@dataclass(frozen=True)
class GatheringOfferExpired(_SignUpEvent):
    type = "matching.gathering_offer_expired"


@dataclass(frozen=True)
class GatheringReminderDue(_SignUpEvent):
    type = "matching.gathering_reminder_due"
    starts_at: str


@dataclass(frozen=True)
class GatheringAttendanceRecorded(DomainEvent):
    """Counts for reports (P2.1.2): who came, and how many of them were young or new."""
    type = "matching.gathering_attendance_recorded"
    gathering_id: str
    organiser_id: str
    region: str
    held_on: str
    signed_up: int
    attended: int
    youth_attended: int
    first_timers_attended: int


@dataclass(frozen=True)
class GatheringOutcomeRecorded(DomainEvent):
    type = "matching.gathering_outcome_recorded"
    gathering_id: str
    organiser_id: str
    ideas: int
    follow_ups: int
