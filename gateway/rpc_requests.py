"""The gateway's RPC requests go to the broker without publisher confirms.

A confirm only says the broker took the request, and the gateway relies on nothing more: it waits
for the reply under a deadline anyway, and a request lost on its way is answered 504 then, as is
one a service took and never answered. The durable guarantee of a write sits in the service (its
transaction and outbox row), not in the request message. A 504 is safe to retry: the idempotency
record is given up on any 5xx, a creating POST's request_id derives from its Idempotency-Key so
the service dedupes a second forward, and a first request that arrives after its signed deadline
is dropped by the service. A broker that is down or was restarted still fails the publish at once
(its socket is reset): 503 as before. Waiting for each confirm cost a round trip to the broker,
the reads and the switches it takes, on every call.

Nor are requests `mandatory`: without confirms a returned request would sit unread on the
connection, and every service's RPC queue is declared before anything runs
(deploy.platform.prepare), so there is nothing for the broker to return.
"""
from nameko.amqp.publish import Publisher
from nameko.rpc import MethodProxy, ServiceProxy

from gateway.rpc_replies import ReadAheadReplyListener
from services.common.nameko_queue_consumer import ServiceRpcProxy


class _UnconfirmedPublisher(Publisher):
    use_confirms = False

    def publish(self, payload, **kwargs):
        super().publish(payload, **{**kwargs, "mandatory": False})


class _UnconfirmedMethodProxy(MethodProxy):
    publisher_cls = _UnconfirmedPublisher


class _UnconfirmedServiceProxy(ServiceProxy):
    def __getattr__(self, name):
        return _UnconfirmedMethodProxy(self.worker_ctx, self.service_name, name, self.reply_listener,
                                       **self.options)


class UnconfirmedRpcProxy(ServiceRpcProxy):
    """ServiceRpcProxy whose requests are published without confirms (and whose replies are
    read ahead: rpc_replies.py)."""

    rpc_reply_listener = ReadAheadReplyListener()

    def get_dependency(self, worker_ctx):
        return _UnconfirmedServiceProxy(worker_ctx, self.target_service, self.rpc_reply_listener,
                                        **self.options)
