"""What the response schemas dump: the use cases' results as plain dicts where the domain
object's shape differs from the contract's."""
from datetime import datetime, timezone

from services.common.pagination import Page
from services.notifications.app.sending import webhook_message_id
from services.notifications.app.webhooks import DeliveryWithAttempts, EndpointWithSecret
from services.notifications.domain.delivery import PENDING
from services.notifications.domain.webhook_endpoint import WebhookEndpoint


def endpoint_view(endpoint: WebhookEndpoint) -> dict:
    now = datetime.now(timezone.utc)
    return {**endpoint.__dict__, "event_types": list(endpoint.event_types),
            "active_secrets": len(endpoint.active_secrets(now))}


def endpoint_with_secret_view(result: EndpointWithSecret) -> dict:
    return {**endpoint_view(result.endpoint), "secret": result.secret}


def delivery_view(item: DeliveryWithAttempts) -> dict:
    delivery = item.delivery
    return {**delivery.__dict__, "webhook_id": webhook_message_id(delivery),
            "next_attempt_at": delivery.next_attempt_at if delivery.status == PENDING else None,
            "attempt_log": [attempt.__dict__ for attempt in item.attempts]}


def delivery_page_view(page: Page) -> dict:
    return {"items": [delivery_view(item) for item in page.items], "next_cursor": page.next_cursor}
