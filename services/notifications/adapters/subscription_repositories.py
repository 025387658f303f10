"""Subscriptions in SQL: one row per (recipient, topic). Topic kinds: region, field, org (an
organisation followed) and event (an event type chosen; none stored means the role's defaults)."""
from collections import defaultdict

from sqlalchemy import delete, insert, or_, select, union
from sqlalchemy.orm import Session

from services.notifications.adapters.chunks import chunks
from services.notifications.adapters.tables import contact_addresses, subscription_topics
from services.notifications.domain.inbox_message import Subscription

_KINDS = (("region", "regions"), ("field", "fields"), ("org", "organisations"),
          ("event", "event_types"))


class SqlSubscriptionRepository:
    def __init__(self, session: Session):
        self._session = session

    def replace(self, subscription: Subscription) -> None:
        table = subscription_topics
        self._session.execute(delete(table).where(table.c.recipient_id == subscription.recipient_id))
        rows = [{"recipient_id": subscription.recipient_id, "topic_kind": kind, "topic": topic}
                for kind, attribute in _KINDS
                for topic in sorted(getattr(subscription, attribute) or ())]
        if rows:
            self._session.execute(insert(table), rows)

    def get(self, recipient_id: str) -> Subscription | None:
        found = self._subscriptions(subscription_topics.c.recipient_id == recipient_id)
        return found[0] if found else None

    def page(self, after: str | None, limit: int) -> list[Subscription]:
        """Subscriptions in recipient order, `limit` recipients after `after`."""
        table = subscription_topics
        recipients = select(table.c.recipient_id).distinct().order_by(table.c.recipient_id)
        if after is not None:
            recipients = recipients.where(table.c.recipient_id > after)
        chosen = list(self._session.execute(recipients.limit(limit)).scalars())
        return self._subscriptions(table.c.recipient_id.in_(chosen or [""]))

    def recipients_for(self, region: str, fields: list[str]) -> list[str]:
        table = subscription_topics
        statement = select(table.c.recipient_id).distinct().where(or_(
            (table.c.topic_kind == "region") & (table.c.topic == region),
            (table.c.topic_kind == "field") & table.c.topic.in_(fields or [""])))
        return sorted(self._session.execute(statement).scalars())

    def followers_of(self, organisation_id: str) -> list[str]:
        table = subscription_topics
        statement = select(table.c.recipient_id).where(table.c.topic_kind == "org",
                                                       table.c.topic == organisation_id)
        return sorted(self._session.execute(statement).scalars())

    def chosen_event_types(self, recipient_ids: list[str]) -> dict[str, frozenset[str]]:
        """The event types each of these recipients chose; those who chose none are absent."""
        table = subscription_topics
        chosen: dict[str, set[str]] = defaultdict(set)
        for some in chunks(sorted(set(recipient_ids))):
            for recipient_id, topic in self._session.execute(
                    select(table.c.recipient_id, table.c.topic).where(
                        table.c.topic_kind == "event", table.c.recipient_id.in_(some))):
                chosen[recipient_id].add(topic)
        return {recipient_id: frozenset(types) for recipient_id, types in chosen.items()}

    def known_recipients(self) -> list[str]:
        """Everyone notifications can reach: subscribed to something, or with an address."""
        statement = union(select(subscription_topics.c.recipient_id),
                          select(contact_addresses.c.recipient_id))
        return sorted(self._session.execute(statement).scalars())

    def _subscriptions(self, condition) -> list[Subscription]:
        topics: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for row in self._session.execute(select(subscription_topics).where(condition)):
            topics[row.recipient_id][row.topic_kind].add(row.topic)
        return [Subscription(recipient_id, frozenset(kinds["region"]), frozenset(kinds["field"]),
                             frozenset(kinds["org"]),
                             frozenset(kinds["event"]) if kinds["event"] else None)
                for recipient_id, kinds in sorted(topics.items())]
