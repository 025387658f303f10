"""What notifications' use cases need of storage and of the channels that send."""
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from services.common.domain_events import DomainEvent
from services.common.unit_of_work import Inbox
from services.notifications.domain.announcement import Announcement, PostedNeed
from services.notifications.domain.circular import Circular, HouseholdReceipt, MemberHousehold
from services.notifications.domain.delivery import Attempt, Delivery
from services.notifications.domain.contact_address import ContactAddress
from services.notifications.domain.inbox_message import InboxMessage, Subscription
from services.notifications.domain.preferences import Preferences
from services.notifications.domain.webhook_endpoint import WebhookEndpoint


class SubscriptionRepository(Protocol):
    def replace(self, subscription: Subscription) -> None: ...

    def get(self, recipient_id: str) -> Subscription | None: ...

    def page(self, after: str | None, limit: int) -> list[Subscription]: ...  # by recipient id

    def recipients_for(self, region: str, fields: list[str]) -> list[str]: ...

    def followers_of(self, organisation_id: str) -> list[str]: ...

    # Only recipients who chose event types themselves; the rest hear their role's defaults.
    def chosen_event_types(self, recipient_ids: list[str]) -> dict[str, frozenset[str]]: ...

    def known_recipients(self) -> list[str]: ...  # everyone: subscribed, or with an address


class InboxMessageRepository(Protocol):
    def add(self, message: InboxMessage) -> None: ...

    def add_many(self, messages: list[InboxMessage]) -> None: ...

    def get(self, message_id: str) -> InboxMessage | None: ...

    def save(self, message: InboxMessage) -> None: ...

    def for_recipient(self, recipient_id: str, after: list | None,
                      limit: int) -> list[InboxMessage]: ...

    def unread_count(self, recipient_id: str) -> int: ...

    def mark_all_read(self, recipient_id: str, now: datetime) -> int: ...

    def receipts(self, source_event_id: str) -> list[tuple[str, datetime | None]]: ...

    def read_counts(self, source_event_ids: list[str]) -> dict[str, tuple[int, int]]: ...
    # source event id -> (messages, read)


class ContactAddressRepository(Protocol):
    def add(self, address: ContactAddress) -> None: ...

    def get(self, address_id: str) -> ContactAddress | None: ...

    def save(self, address: ContactAddress) -> None: ...

    def for_recipient(self, recipient_id: str) -> list[ContactAddress]: ...

    def usable_for(self, recipient_ids: list[str]) -> dict[str, list[ContactAddress]]: ...


class WebhookEndpointRepository(Protocol):
    def add(self, endpoint: WebhookEndpoint) -> None: ...

    def get(self, endpoint_id: str) -> WebhookEndpoint | None: ...

    def save(self, endpoint: WebhookEndpoint) -> None: ...

    def for_owner(self, owner_id: str) -> list[WebhookEndpoint]: ...

    def every(self) -> list[WebhookEndpoint]: ...

    def for_owners(self, owner_ids: list[str]) -> dict[str, list[WebhookEndpoint]]: ...


class DeliveryRepository(Protocol):
    def add_new(self, delivery: Delivery) -> bool: ...

    def add_many_new(self, batch: list[Delivery]) -> int: ...

    def get(self, delivery_id: str) -> Delivery | None: ...

    def save(self, delivery: Delivery) -> None: ...

    def due(self, now: datetime, limit: int) -> list[Delivery]: ...

    def claim(self, delivery_id: str, seen_next_attempt_at: datetime, until: datetime) -> bool: ...

    def held_due(self, now: datetime, limit: int) -> list[Delivery]: ...

    def count_immediate_since(self, recipient_ids: list[str], channel: str, since: datetime,
                              kinds_excluded: tuple[str, ...]) -> dict[str, int]: ...

    def for_target(self, target_id: str, after: list | None, limit: int) -> list[Delivery]: ...

    def add_attempt(self, attempt: Attempt) -> None: ...

    def attempts_of(self, delivery_id: str) -> list[Attempt]: ...


class PreferenceRepository(Protocol):
    def get(self, recipient_id: str) -> Preferences | None: ...

    def for_recipients(self, recipient_ids: list[str]) -> dict[str, Preferences]: ...

    def save(self, found: Preferences) -> None: ...


class AnnouncementRepository(Protocol):
    def add(self, announcement: Announcement) -> None: ...

    def get(self, announcement_id: str) -> Announcement | None: ...

    def public_latest(self, limit: int) -> list[Announcement]: ...

    def latest(self, after: list | None, limit: int) -> list[Announcement]: ...
    # every announcement, newest first; `after` is the last one's [published_at, id]

    def add_posted_need(self, need: PostedNeed) -> None: ...

    def close_posted_need(self, need_id: str, reason: str) -> None: ...

    def reopen_posted_need(self, need_id: str) -> None: ...

    def posted_needs_latest(self, limit: int) -> list[PostedNeed]: ...  # still open, newest first


class MembershipRepository(Protocol):
    """Registry's facts as its events told them: each organisation's kind and each roster
    entry's household (ids only)."""
    def set_kind(self, organisation_id: str, kind: str) -> None: ...

    def kind_of(self, organisation_id: str) -> str | None: ...

    def add_household(self, household: MemberHousehold) -> None: ...  # again: no change

    def remove_household(self, entry_id: str) -> None: ...

    def households_of(self, organisation_id: str) -> list[MemberHousehold]: ...

    def forget_person(self, person_id: str) -> int: ...  # their households become paper ones


class CircularRepository(Protocol):
    def add(self, circular: Circular, receipts: list[HouseholdReceipt]) -> None: ...

    def get(self, circular_id: str) -> Circular | None: ...

    def sent_by(self, organisation_id: str | None, after: list | None,
                limit: int) -> list[Circular]: ...  # newest first; None: every association's

    def read_counts(self, circular_ids: list[str]) -> dict[str, tuple[int, int, int]]:
        """(households, read, paper households) of each circular."""

    def receipts(self, circular_id: str) -> list[HouseholdReceipt]: ...

    def save_receipts(self, receipts: list[HouseholdReceipt]) -> None: ...

    def mark_all_read_of(self, person_id: str, now: datetime) -> int: ...

    def forget_person(self, person_id: str) -> int: ...  # receipts kept, without the person


class MessageTemplates(Protocol):
    def render(self, event_type: str, language: str, facts: dict) -> tuple[str, str]: ...


class PersonalDataRepository(Protocol):
    def erase_recipient(self, recipient_id: str) -> dict[str, int]:
        """Delete everything kept for one recipient: topics, inbox, addresses, deliveries and their
        attempts, preferences, webhooks. A count per kind of record."""


class NotificationsUnitOfWork(Protocol):
    subscriptions: SubscriptionRepository
    messages: InboxMessageRepository
    addresses: ContactAddressRepository
    webhook_endpoints: WebhookEndpointRepository
    deliveries: DeliveryRepository
    preferences: PreferenceRepository
    announcements: AnnouncementRepository
    memberships: MembershipRepository
    circulars: CircularRepository
    personal_data: PersonalDataRepository
    default_daily_cap: int  # immediate e-mails a day when a person has not set their own
    templates: MessageTemplates  # (title, body) per event type and language
    place_names: dict[str, str]  # region code → the name people know
    inbox: Inbox

    def emit(self, event: DomainEvent) -> None: ...

    def commit(self) -> None: ...

    def __enter__(self) -> "NotificationsUnitOfWork": ...

    def __exit__(self, *exc_info) -> None: ...


@dataclass(frozen=True)
class OutgoingEmail:
    to: str
    subject: str
    text: str
    link: str | None  # absolute URL of what the message is about
    unsubscribe_url: str | None  # one-click (RFC 8058); none on the confirmation itself
    message_id: str  # the delivery's id: the same on every retry


@dataclass(frozen=True)
class OutgoingLine:
    to: str  # the LINE user id
    text: str
    retry_key: str  # the delivery's id: LINE accepts a push with one key once


class LineChannel(Protocol):
    def push(self, message: OutgoingLine) -> None: ...  # raises SendFailed


class EmailChannel(Protocol):
    def send(self, email: OutgoingEmail) -> None: ...  # raises SendFailed


class WebhookChannel(Protocol):
    """Resolves the URL's host, refuses private addresses (unless allowed) and connects to the
    address it checked; raises SendFailed."""
    def post(self, url: str, headers: dict, body: bytes) -> int: ...


class HostResolver(Protocol):
    def addresses(self, host: str) -> list[str]: ...  # empty: the name does not resolve (yet)


@dataclass(frozen=True)
class Channels:
    email: EmailChannel
    webhook: WebhookChannel
    line: LineChannel


@dataclass(frozen=True)
class Links:
    """How links in messages are made: the public base URL and the key that signs tokens."""
    public_url: str
    signing_key: bytes


class RosterNames(Protocol):
    """Names registry owns, asked for at request time on behalf of the caller."""
    def household_names(self, organisation_id: str) -> dict[str, str] | None:
        """Roster entry id → display name; None when registry did not answer in time."""

    def organisation_name(self, organisation_id: str) -> str | None: ...  # None: no answer
