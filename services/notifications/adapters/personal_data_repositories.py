"""One recipient's data across notifications' tables, erased in the caller's transaction."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import (contact_addresses, deliveries, delivery_attempts, inbox_messages,
                                                    preferences, subscription_topics, webhook_endpoints,
                                                    webhook_secrets)


class SqlPersonalDataRepository:
    def __init__(self, session: Session):
        self._session = session

    def erase_recipient(self, recipient_id: str) -> dict[str, int]:
        run = self._session.execute
        theirs = select(deliveries.c.id).where(deliveries.c.recipient_id == recipient_id)
        endpoints = select(webhook_endpoints.c.id).where(webhook_endpoints.c.owner_id == recipient_id)
        erased = {"subscriptions": min(1, run(delete(subscription_topics).where(
                      subscription_topics.c.recipient_id == recipient_id)).rowcount),
                  "preferences": run(delete(preferences).where(preferences.c.recipient_id == recipient_id)).rowcount,
                  "delivery_attempts": run(delete(delivery_attempts)
                                           .where(delivery_attempts.c.delivery_id.in_(theirs))).rowcount}
        run(delete(webhook_secrets).where(webhook_secrets.c.endpoint_id.in_(endpoints)))
        for name, table, owner in (("inbox_messages", inbox_messages, inbox_messages.c.recipient_id),
                                   ("contact_addresses", contact_addresses, contact_addresses.c.recipient_id),
                                   ("deliveries", deliveries, deliveries.c.recipient_id),
                                   ("webhook_endpoints", webhook_endpoints, webhook_endpoints.c.owner_id)):
            erased[name] = run(delete(table).where(owner == recipient_id)).rowcount
        return erased
