"""In-memory notifications for use-case tests."""
import copy
import dataclasses

from services.common.unit_of_work import MemoryUnitOfWork
from services.notifications.adapters.message_templates import TEMPLATES
from services.notifications.domain.delivery import HELD, PENDING


class MemorySubscriptionRepository:
    def __init__(self, addresses=None):
        self.rows = {}
        self.addresses = addresses  # "everyone" includes whoever gave an address

    def replace(self, subscription):
        self.rows[subscription.recipient_id] = subscription

    def get(self, recipient_id):
        return self.rows.get(recipient_id)

    def page(self, after, limit):
        return [self.rows[r] for r in sorted(self.rows) if after is None or r > after][:limit]

    def recipients_for(self, region, fields):
        return sorted(r for r, s in self.rows.items() if s.covers(region, fields))

    def followers_of(self, organisation_id):
        return sorted(r for r, s in self.rows.items() if organisation_id in s.organisations)

    def chosen_event_types(self, recipient_ids):
        return {r: self.rows[r].event_types for r in set(recipient_ids)
                if r in self.rows and self.rows[r].event_types is not None}

    def known_recipients(self):
        addresses = self.addresses.rows.values() if self.addresses else ()
        return sorted(set(self.rows) | {a.recipient_id for a in addresses})


class MemoryInboxMessageRepository:
    def __init__(self):
        self.rows = {}

    def add(self, message):
        key = (message.recipient_id, message.source_event_id)
        assert key not in {(m.recipient_id, m.source_event_id) for m in self.rows.values()}, \
            "the real table's unique constraint would refuse this"
        self.rows[message.id] = copy.copy(message)

    def add_many(self, messages):
        for message in messages:
            self.add(message)

    def get(self, message_id):
        found = self.rows.get(message_id)
        return copy.copy(found) if found else None

    def save(self, message):
        self.rows[message.id] = copy.copy(message)

    def for_recipient(self, recipient_id, after, limit):
        found = sorted((m for m in self.rows.values() if m.recipient_id == recipient_id),
                       key=lambda m: (m.created_at, m.id), reverse=True)
        if after:
            found = [m for m in found if [m.created_at.isoformat(), m.id] < after]
        return [copy.copy(m) for m in found[:limit]]

    def unread_count(self, recipient_id):
        return sum(1 for m in self.rows.values()
                   if m.recipient_id == recipient_id and m.read_at is None)

    def receipts(self, source_event_id):
        return sorted((m.recipient_id, m.read_at) for m in self.rows.values()
                      if m.source_event_id == source_event_id)

    def read_counts(self, source_event_ids):
        counts = {}
        for m in self.rows.values():
            if m.source_event_id in source_event_ids:
                messages, read = counts.get(m.source_event_id, (0, 0))
                counts[m.source_event_id] = (messages + 1, read + (m.read_at is not None))
        return counts

    def mark_all_read(self, recipient_id, now):
        unread = [m for m in self.rows.values()
                  if m.recipient_id == recipient_id and m.read_at is None]
        for message in unread:
            message.read_at = now
        return len(unread)


class _ById:
    """Rows by id, copied in and out as a database would (no shared mutable objects)."""

    def __init__(self):
        self.rows = {}

    def _add(self, item):
        assert item.id not in self.rows, "the real table's key would refuse this"
        self.rows[item.id] = copy.deepcopy(item)

    def _get(self, item_id):
        found = self.rows.get(item_id)
        return copy.deepcopy(found) if found else None

    def _save(self, item):
        self.rows[item.id] = copy.deepcopy(item)


class MemoryContactAddressRepository(_ById):
    def add(self, address):
        self._add(address)

    def get(self, address_id):
        return self._get(address_id)

    def save(self, address):
        self._save(address)

    def for_recipient(self, recipient_id):
        return sorted((copy.deepcopy(a) for a in self.rows.values() if a.recipient_id == recipient_id),
                      key=lambda a: (a.created_at, a.id))


    def usable_for(self, recipient_ids):
        found = {}
        for recipient_id in set(recipient_ids):
            usable = [a for a in self.for_recipient(recipient_id) if a.usable]
            if usable:
                found[recipient_id] = usable
        return found


class MemoryWebhookEndpointRepository(_ById):
    def add(self, endpoint):
        self._add(endpoint)

    def get(self, endpoint_id):
        return self._get(endpoint_id)

    def save(self, endpoint):
        self._save(endpoint)

    def for_owner(self, owner_id):
        return sorted((copy.deepcopy(e) for e in self.rows.values() if e.owner_id == owner_id),
                      key=lambda e: (e.created_at, e.id))

    def every(self):
        return sorted((copy.deepcopy(e) for e in self.rows.values()), key=lambda e: (e.created_at, e.id))

    def for_owners(self, owner_ids):
        return {owner: found for owner in set(owner_ids) if (found := self.for_owner(owner))}


class MemoryDeliveryRepository(_ById):
    def __init__(self):
        super().__init__()
        self.attempts = []

    def add_new(self, delivery):
        if delivery.id in self.rows:
            return False
        self.rows[delivery.id] = copy.deepcopy(delivery)
        return True

    def add_many_new(self, batch):
        return sum(self.add_new(delivery) for delivery in batch)

    def get(self, delivery_id):
        return self._get(delivery_id)

    def save(self, delivery):
        self._save(delivery)

    def due(self, now, limit):
        found = sorted((d for d in self.rows.values()
                        if d.status == PENDING and d.next_attempt_at <= now),
                       key=lambda d: (d.next_attempt_at, d.id))
        return [copy.deepcopy(d) for d in found[:limit]]

    def claim(self, delivery_id, seen_next_attempt_at, until):
        row = self.rows[delivery_id]
        if row.status != PENDING or row.next_attempt_at != seen_next_attempt_at:
            return False
        row.next_attempt_at = until
        return True

    def held_due(self, now, limit):
        found = sorted((d for d in self.rows.values()
                        if d.status == HELD and d.digest_due_at <= now),
                       key=lambda d: (d.digest_due_at, d.created_at, d.id))
        return [copy.deepcopy(d) for d in found[:limit]]

    def count_immediate_since(self, recipient_ids, channel, since, kinds_excluded):
        counts = {}
        for d in self.rows.values():
            if d.recipient_id in recipient_ids and d.channel == channel and \
                    d.created_at >= since and d.digest_period is None and d.kind not in kinds_excluded:
                counts[d.recipient_id] = counts.get(d.recipient_id, 0) + 1
        return counts

    def for_target(self, target_id, after, limit):
        found = sorted((d for d in self.rows.values() if d.target_id == target_id),
                       key=lambda d: (d.created_at, d.id), reverse=True)
        if after:
            found = [d for d in found if [d.created_at.isoformat(), d.id] < after]
        return [copy.deepcopy(d) for d in found[:limit]]

    def add_attempt(self, attempt):
        self.attempts.append(attempt)

    def attempts_of(self, delivery_id):
        return [a for a in self.attempts if a.delivery_id == delivery_id]


class MemoryPreferenceRepository:
    def __init__(self):
        self.rows = {}

    def get(self, recipient_id):
        found = self.rows.get(recipient_id)
        return copy.deepcopy(found) if found else None

    def for_recipients(self, recipient_ids):
        return {r: copy.deepcopy(self.rows[r]) for r in set(recipient_ids) if r in self.rows}

    def save(self, found):
        self.rows[found.recipient_id] = copy.deepcopy(found)


class MemoryAnnouncementRepository:
    def __init__(self):
        self.rows = {}
        self.needs = {}
        self.closed = {}

    def add(self, announcement):
        self.rows[announcement.id] = announcement

    def get(self, announcement_id):
        return self.rows.get(announcement_id)

    def public_latest(self, limit):
        return sorted((a for a in self.rows.values() if a.public),
                      key=lambda a: a.published_at, reverse=True)[:limit]

    def latest(self, after, limit):
        found = sorted(self.rows.values(), key=lambda a: (a.published_at, a.id), reverse=True)
        if after:
            found = [a for a in found if [a.published_at.isoformat(), a.id] < after]
        return found[:limit]

    def add_posted_need(self, need):
        self.needs.setdefault(need.need_id, need)

    def close_posted_need(self, need_id, reason):
        self.closed.setdefault(need_id, reason)

    def reopen_posted_need(self, need_id):
        self.closed.pop(need_id, None)

    def posted_needs_latest(self, limit):
        return sorted((n for n in self.needs.values() if n.need_id not in self.closed),
                      key=lambda n: n.posted_at, reverse=True)[:limit]


class MemoryMembershipRepository:
    def __init__(self):
        self.kinds = {}
        self.households = {}

    def set_kind(self, organisation_id, kind):
        self.kinds[organisation_id] = kind

    def kind_of(self, organisation_id):
        return self.kinds.get(organisation_id)

    def add_household(self, household):
        self.households.setdefault(household.entry_id, household)

    def remove_household(self, entry_id):
        self.households.pop(entry_id, None)

    def households_of(self, organisation_id):
        return sorted((h for h in self.households.values() if h.organisation_id == organisation_id),
                      key=lambda h: h.entry_id)

    def forget_person(self, person_id):
        theirs = [h for h in self.households.values() if h.person_id == person_id]
        for household in theirs:
            self.households[household.entry_id] = dataclasses.replace(household, person_id=None)
        return len(theirs)


class MemoryCircularRepository:
    def __init__(self):
        self.rows = {}
        self.receipt_rows = {}  # (circular id, entry id) → receipt

    def add(self, circular, receipts):
        self.rows[circular.id] = circular
        for receipt in receipts:
            self.receipt_rows[(circular.id, receipt.entry_id)] = copy.copy(receipt)

    def get(self, circular_id):
        return self.rows.get(circular_id)

    def sent_by(self, organisation_id, after, limit):
        found = sorted((c for c in self.rows.values()
                        if organisation_id is None or c.organisation_id == organisation_id),
                       key=lambda c: (c.sent_at, c.id), reverse=True)
        if after:
            found = [c for c in found if [c.sent_at.isoformat(), c.id] < after]
        return found[:limit]

    def read_counts(self, circular_ids):
        counts = {}
        for receipt in self.receipt_rows.values():
            if receipt.circular_id in circular_ids:
                households, read, paper = counts.get(receipt.circular_id, (0, 0, 0))
                counts[receipt.circular_id] = (households + 1, read + (receipt.read_at is not None),
                                               paper + receipt.paper)
        return counts

    def receipts(self, circular_id):
        return sorted((copy.copy(r) for r in self.receipt_rows.values()
                       if r.circular_id == circular_id), key=lambda r: r.entry_id)

    def save_receipts(self, receipts):
        for receipt in receipts:
            self.receipt_rows[(receipt.circular_id, receipt.entry_id)] = copy.copy(receipt)

    def mark_all_read_of(self, person_id, now):
        unread = [r for r in self.receipt_rows.values()
                  if r.person_id == person_id and r.read_at is None]
        for receipt in unread:
            receipt.read_at = now
        return len(unread)

    def forget_person(self, person_id):
        theirs = [r for r in self.receipt_rows.values() if r.person_id == person_id]
        for receipt in theirs:
            receipt.person_id = None
        return len(theirs)


class MemoryPersonalDataRepository:
    def __init__(self, uow):
        self._uow = uow

    def erase_recipient(self, recipient_id):
        uow = self._uow
        deliveries = {d.id for d in uow.deliveries.rows.values() if d.recipient_id == recipient_id}
        attempts = [a for a in uow.deliveries.attempts if a.delivery_id in deliveries]
        kept = [a for a in uow.deliveries.attempts if a.delivery_id not in deliveries]
        uow.deliveries.attempts[:] = kept
        erased = {"subscriptions": int(uow.subscriptions.rows.pop(recipient_id, None) is not None),
                  "preferences": int(uow.preferences.rows.pop(recipient_id, None) is not None),
                  "delivery_attempts": len(attempts)}
        for name, repository, owner in (("inbox_messages", uow.messages, "recipient_id"),
                                        ("contact_addresses", uow.addresses, "recipient_id"),
                                        ("deliveries", uow.deliveries, "recipient_id"),
                                        ("webhook_endpoints", uow.webhook_endpoints, "owner_id")):
            theirs = [k for k, row in repository.rows.items() if getattr(row, owner) == recipient_id]
            for key in theirs:
                del repository.rows[key]
            erased[name] = len(theirs)
        return erased


class MemoryNotificationsUnitOfWork(MemoryUnitOfWork):
    def __init__(self):
        super().__init__()
        self.addresses = self.track(MemoryContactAddressRepository())
        self.subscriptions = self.track(MemorySubscriptionRepository(self.addresses))
        self.messages = self.track(MemoryInboxMessageRepository())
        self.webhook_endpoints = self.track(MemoryWebhookEndpointRepository())
        self.deliveries = self.track(MemoryDeliveryRepository())
        self.preferences = self.track(MemoryPreferenceRepository())
        self.announcements = self.track(MemoryAnnouncementRepository())
        self.memberships = self.track(MemoryMembershipRepository())
        self.circulars = self.track(MemoryCircularRepository())
        self.personal_data = MemoryPersonalDataRepository(self)
        self.default_daily_cap = 20
        self.templates = TEMPLATES  # rendering is pure: the real templates, in every test
        self.place_names = {"yu": "由宇", "miwa": "美和", "iwakuni": "岩国"}
