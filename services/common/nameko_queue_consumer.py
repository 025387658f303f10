"""nameko 2.14's queue consumer, made able to stop while it is still starting.

Stopped before its consumers are ready (a SIGTERM just after start: a rolling restart, a
scale-down, a supervisor giving up), nameko's QueueConsumer fires "last provider unregistered"
once per provider sharing it; the second firing raises inside that provider's stop and the
process never exits (2 of 10 probe services SIGTERMed right after /health/ready hung here; with only the
firing fixed, 1 of 20 still did: a consumer that became ready meanwhile never stopped).
Every consumer and RPC proxy of ours shares this one instead."""
from functools import partial

from eventlet.event import Event
from nameko.messaging import QueueConsumer
from nameko.rpc import ReplyListener, RpcProxy

from services.common import nameko_producers  # noqa: F401  (every publish finds its pool once)
from services.common.amqp_read_ahead import ReadAheadTransport


class StartSafeQueueConsumer(QueueConsumer):
    def unregister_provider(self, provider):
        if self._consumers_ready.ready():
            super().unregister_provider(provider)
            return
        # Still starting: ask the consumer thread to cancel this provider's consumer if it gets
        # that far (without waiting: it may never), and fire "last provider" once, when the last
        # one has gone, as a started queue consumer does. Otherwise a consumer that became ready
        # meanwhile keeps consuming for a provider that left, and never stops.
        self._pending_remove_providers[provider] = Event()
        self._providers.discard(provider)
        if not self._providers and not self._last_provider_unregistered.ready():
            self._last_provider_unregistered.send()

    def get_consumers(self, consumer_cls, channel):
        # nameko 2.14's, but a provider may take its messages unacknowledged (`no_ack`), and one
        # with a `handle_delivery` gets each message undecoded, in the thread that reads them.
        for provider in self._providers:
            on_message = getattr(provider, "handle_delivery", None)
            consumer = consumer_cls(queues=[provider.queue], on_message=on_message,
                                    callbacks=None if on_message else [partial(self.handle_message, provider)],
                                    accept=self.accept, no_ack=getattr(provider, "no_ack", False))
            consumer.qos(prefetch_count=self.prefetch_count)
            self._consumers[provider] = consumer
        return self._consumers.values()

    def _cancel_consumers_if_requested(self):
        requested, self._pending_remove_providers = self._pending_remove_providers, {}
        for provider, removed in requested.items():
            consumer = self._consumers.pop(provider, None)  # none if it left before consuming
            if consumer is not None:
                consumer.cancel()
            removed.send()


class ReadAheadQueueConsumer(StartSafeQueueConsumer):
    """A queue consumer whose socket is read ahead (amqp_read_ahead.py), as are the clones its
    connection reconnects with."""

    @property
    def connection(self):
        connection = super().connection
        connection.transport_cls = ReadAheadTransport
        return connection


class _ReplyListener(ReplyListener):
    queue_consumer = StartSafeQueueConsumer()
    # Replies are taken without an ack (kombu then skips ReplyListener's ack): an ack per reply
    # was a tenth of a gateway read's CPU. A reply lost with the connection is answered by the
    # caller's deadline (504), as a reply lost before it reached the queue always was.
    no_ack = True


class ServiceRpcProxy(RpcProxy):
    """nameko's RpcProxy whose reply consumer can stop while starting."""
    rpc_reply_listener = _ReplyListener()
