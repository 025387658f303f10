"""In-memory notifications for use-case tests."""
from services.common.unit_of_work import MemoryUnitOfWork


class MemorySubscriptionRepository:
    def __init__(self):
        self.rows = {}

    def replace(self, subscription):
        self.rows[subscription.recipient_id] = subscription

    def get(self, recipient_id):
        return self.rows.get(recipient_id)

    def recipients_for(self, region, fields):
        return sorted(r for r, s in self.rows.items() if s.covers(region, fields))


class MemoryInboxMessageRepository:
    def __init__(self):
        self.rows = {}

    def add(self, message):
        key = (message.recipient_id, message.source_event_id)
        assert key not in {(m.recipient_id, m.source_event_id) for m in self.rows.values()}, \
            "the real table's unique constraint would refuse this"
        self.rows[message.id] = message

    def for_recipient(self, recipient_id, after, limit):
        found = sorted((m for m in self.rows.values() if m.recipient_id == recipient_id),
                       key=lambda m: (m.created_at, m.id))
        if after:
            found = [m for m in found if [m.created_at.isoformat(), m.id] > after]
        return found[:limit]


class MemoryNotificationsUnitOfWork(MemoryUnitOfWork):
    def __init__(self):
        super().__init__()
        self.subscriptions = self.track(MemorySubscriptionRepository())
        self.messages = self.track(MemoryInboxMessageRepository())
        self.place_names = {"yu": "由宇", "miwa": "美和"}
