"""Every exchange, queue and binding, declared before anything is published.

A topic exchange silently drops an event no queue is bound to, and the broker still confirms
it; so the platform declares all subscriptions up front, and the relay publishes `mandatory`.
"""
from dataclasses import dataclass

import os

import kombu

EVENTS_EXCHANGE = "kyodo.events"
# Backoff between a failed handling and its next try; the last failure parks the message.
RETRY_DELAYS_MS = tuple(int(ms) for ms in os.environ.get(
    "KYODO_RETRY_DELAYS_MS", "1000,5000,20000").split(","))
MAX_ATTEMPTS = len(RETRY_DELAYS_MS) + 1
# A consumer that crashes (not raises) on a message: the quorum queue parks it after this many.
BROKER_DELIVERY_LIMIT = 20


@dataclass(frozen=True)
class Subscription:
    """One consuming service and the event types it reads."""
    service: str
    event_types: frozenset[str]

    @property
    def queue_name(self) -> str:
        return f"{self.service}.events"

    @property
    def dead_queue_name(self) -> str:
        return f"{self.service}.dead"

    def retry_queue_name(self, delay_ms: int) -> str:
        return f"{self.service}.retry.{delay_ms}"


def events_exchange() -> kombu.Exchange:
    return kombu.Exchange(EVENTS_EXCHANGE, type="topic", durable=True)


def events_queue(subscription: Subscription) -> kombu.Queue:
    exchange = events_exchange()
    return kombu.Queue(
        subscription.queue_name, durable=True,
        bindings=[kombu.binding(exchange, routing_key=t) for t in sorted(subscription.event_types)],
        queue_arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": BROKER_DELIVERY_LIMIT,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": subscription.dead_queue_name,
        })


def dead_queue(subscription: Subscription) -> kombu.Queue:
    return kombu.Queue(subscription.dead_queue_name, durable=True,
                       queue_arguments={"x-queue-type": "quorum"})


def retry_queue(subscription: Subscription, delay_ms: int) -> kombu.Queue:
    # Expired messages return to the service's queue through the default exchange.
    return kombu.Queue(subscription.retry_queue_name(delay_ms), durable=True,
                       queue_arguments={
                           "x-message-ttl": delay_ms,
                           "x-dead-letter-exchange": "",
                           "x-dead-letter-routing-key": subscription.queue_name,
                       })


def rpc_queue(service: str) -> kombu.Queue:
    """The queue nameko's RpcConsumer declares for a service, declared ahead of it: a call made
    while the service (re)starts then waits for it instead of bouncing as UnknownService."""
    exchange = kombu.Exchange("nameko-rpc", type="topic", durable=True)
    return kombu.Queue(f"rpc-{service}", exchange=exchange, routing_key=f"{service}.*", durable=True)


def declare(connection: kombu.Connection, subscriptions: list[Subscription],
            rpc_services: tuple[str, ...] = ()) -> None:
    channel = connection.default_channel
    for service in rpc_services:
        rpc_queue(service)(channel).declare()
    events_exchange()(channel).declare()
    for subscription in subscriptions:
        for queue in (events_queue(subscription), dead_queue(subscription),
                      *(retry_queue(subscription, d) for d in RETRY_DELAYS_MS)):
            queue(channel).declare()
