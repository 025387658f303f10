"""Subscriptions in SQL: one row per (recipient, topic)."""
from sqlalchemy import delete, insert, or_, select, union
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import contact_addresses, subscription_topics
from services.notifications.domain.inbox_message import Subscription


class SqlSubscriptionRepository:
    def __init__(self, session: Session):
        self._session = session

    def replace(self, subscription: Subscription) -> None:
        table = subscription_topics
        self._session.execute(delete(table).where(table.c.recipient_id == subscription.recipient_id))
        rows = ([{"topic_kind": "region", "topic": r} for r in sorted(subscription.regions)]
                + [{"topic_kind": "field", "topic": f} for f in sorted(subscription.fields)])
        if rows:
            self._session.execute(insert(table), [
                {"recipient_id": subscription.recipient_id, **row} for row in rows])

    def get(self, recipient_id: str) -> Subscription | None:
        rows = self._session.execute(select(subscription_topics).where(
            subscription_topics.c.recipient_id == recipient_id)).all()
        if not rows:
            return None
        return Subscription(recipient_id,
                            frozenset(r.topic for r in rows if r.topic_kind == "region"),
                            frozenset(r.topic for r in rows if r.topic_kind == "field"))

    def recipients_for(self, region: str, fields: list[str]) -> list[str]:
        table = subscription_topics
        statement = select(table.c.recipient_id).distinct().where(or_(
            (table.c.topic_kind == "region") & (table.c.topic == region),
            (table.c.topic_kind == "field") & table.c.topic.in_(fields or [""])))
        return sorted(self._session.execute(statement).scalars())

    def known_recipients(self) -> list[str]:
        """Everyone notifications can reach: subscribed to something, or with an address."""
        statement = union(select(subscription_topics.c.recipient_id),
                          select(contact_addresses.c.recipient_id))
        return sorted(self._session.execute(statement).scalars())
