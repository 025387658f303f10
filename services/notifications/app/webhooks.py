"""Webhook endpoints: register (the secret is shown once), rotate, re-enable, and the owner's
view of every delivery and attempt, with replay."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import NotFound, invalid
from services.common.pagination import Page, page_of
from services.notifications.app.ports import HostResolver, NotificationsUnitOfWork
from services.notifications.domain import webhook_signing
from services.notifications.domain.delivery import WEBHOOK, Attempt, Delivery
from services.notifications.domain.webhook_endpoint import (EndpointSecret, WebhookEndpoint,
                                                            check_destination)


@dataclass(frozen=True)
class NewEndpoint:
    request_id: str
    url: str
    event_types: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class EndpointWithSecret:
    """What registration and rotation answer: the only time the secret is shown."""
    endpoint: WebhookEndpoint
    secret: str


@dataclass(frozen=True)
class DeliveryWithAttempts:
    delivery: Delivery
    attempts: list[Attempt]


def register_endpoint(uow: NotificationsUnitOfWork, actor: Actor, new: NewEndpoint,
                      known_event_types: set[str], allow_private: bool, resolver: HostResolver,
                      now: datetime | None = None) -> EndpointWithSecret:
    now = now or datetime.now(timezone.utc)
    unknown = sorted(set(new.event_types) - known_event_types)
    if unknown:
        raise invalid(event_types=f"知らないイベント種別です / unknown event types: {', '.join(unknown)}")
    check_destination(new.url, allow_private, resolver.addresses)
    with uow:
        existing = uow.webhook_endpoints.get(new.request_id)
        if existing is not None and existing.owner_id == actor.recipient_id:
            # The same request again: the first answer carried the secret; never show it twice.
            return EndpointWithSecret(existing, "")
        secret = webhook_signing.new_secret()
        endpoint = WebhookEndpoint(new.request_id, actor.recipient_id, new.url,
                                   tuple(sorted(set(new.event_types))), new.description, now,
                                   [EndpointSecret(secret, now)])
        uow.webhook_endpoints.add(endpoint)
        uow.commit()
    return EndpointWithSecret(endpoint, secret)


def list_endpoints(uow: NotificationsUnitOfWork, actor: Actor) -> list[WebhookEndpoint]:
    """The owner's endpoints; an operator's are every owner's, as it may already open, enable
    and replay any one of them (the console's failing endpoints)."""
    with uow:
        if actor.is_operator:
            return uow.webhook_endpoints.every()
        return uow.webhook_endpoints.for_owner(actor.recipient_id)


def get_endpoint(uow: NotificationsUnitOfWork, actor: Actor, endpoint_id: str) -> WebhookEndpoint:
    with uow:
        return _visible(uow, actor, endpoint_id)


def rotate_secret(uow: NotificationsUnitOfWork, actor: Actor, endpoint_id: str,
                  now: datetime | None = None) -> EndpointWithSecret:
    now = now or datetime.now(timezone.utc)
    with uow:
        endpoint = _visible(uow, actor, endpoint_id)
        secret = webhook_signing.new_secret()
        endpoint.rotate(secret, now)
        uow.webhook_endpoints.save(endpoint)
        uow.commit()
    return EndpointWithSecret(endpoint, secret)


def enable_endpoint(uow: NotificationsUnitOfWork, actor: Actor,
                    endpoint_id: str) -> WebhookEndpoint:
    with uow:
        endpoint = _visible(uow, actor, endpoint_id)
        endpoint.enable()
        uow.webhook_endpoints.save(endpoint)
        uow.commit()
    return endpoint


def list_deliveries(uow: NotificationsUnitOfWork, actor: Actor, endpoint_id: str,
                    after: list | None, limit: int) -> Page:
    """Newest first, each with every attempt (status code, latency, error)."""
    with uow:
        _visible(uow, actor, endpoint_id)
        found = uow.deliveries.for_target(endpoint_id, after, limit)
        items = [DeliveryWithAttempts(d, uow.deliveries.attempts_of(d.id)) for d in found]
    return page_of(items, limit, lambda d: [d.delivery.created_at.isoformat(), d.delivery.id])


def replay_delivery(uow: NotificationsUnitOfWork, actor: Actor, delivery_id: str,
                    now: datetime | None = None) -> Delivery:
    """Queued again with the same webhook-id, so a receiver that got it already can tell."""
    with uow:
        delivery = uow.deliveries.get(delivery_id)
        if delivery is None or delivery.channel != WEBHOOK:
            raise NotFound("配信が見つかりません / no such delivery")
        endpoint = _visible(uow, actor, delivery.target_id)
        if endpoint.status != "active":
            raise invalid(delivery_id="送信先が無効です。先に有効にしてください / "
                                      "the endpoint is disabled: enable it first")
        delivery.replay(now or datetime.now(timezone.utc))
        uow.deliveries.save(delivery)
        uow.commit()
    return delivery


def _visible(uow: NotificationsUnitOfWork, actor: Actor, endpoint_id: str) -> WebhookEndpoint:
    """The owner's endpoint, or any for an operator; others learn nothing of it."""
    endpoint = uow.webhook_endpoints.get(endpoint_id)
    if endpoint is None or (endpoint.owner_id != actor.recipient_id and not actor.is_operator):
        raise NotFound("送信先が見つかりません / no such webhook endpoint")
    return endpoint
