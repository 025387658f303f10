"""RPC entrypoints: our errors cross nameko RPC as themselves (not as an opaque RemoteError),
the caller's identity reaches every method verified and parsed, work whose caller has stopped
waiting is not started, and replies go out unconfirmed."""
import functools
from functools import cached_property
import logging
import sys
import time

import kombu.serialization
from kombu.exceptions import OperationalError as KombuOperationalError
from nameko.constants import (AMQP_SSL_CONFIG_KEY, AMQP_URI_CONFIG_KEY, DEFAULT_RETRY_POLICY,
                              LOGIN_METHOD_CONFIG_KEY, PERSISTENT)
from nameko.exceptions import (MethodNotFound, UnserializableValueError,
                               deserialize_to_instance, serialize)
from nameko.rpc import Rpc, RpcConsumer, get_rpc_exchange
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from services.common import signed_actor
from services.common.audit import audited
from services.common.metrics import RPC_DROPPED, RPC_LATENCY
from services.common.nameko_producers import producer_pool
from services.common.nameko_queue_consumer import StartSafeQueueConsumer
from services.common.nameko_signatures import SignatureReadOnce
from services.common.errors import (TEMPORARILY_UNAVAILABLE, Conflict, Forbidden, KyodoError,
                                   NotFound, Unavailable, ValidationFailed)

for _error in (KyodoError, ValidationFailed, NotFound, Conflict, Forbidden, Unavailable,
               signed_actor.ActorRefused, signed_actor.DeadlinePassed):
    deserialize_to_instance(_error)

CLIENT_ERRORS = (KyodoError,)
log = logging.getLogger(__name__)


def _database_down(exc: Exception) -> bool:
    return isinstance(exc, (OperationalError, InterfaceError)) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated)


class _RpcConsumer(RpcConsumer):
    queue_consumer = StartSafeQueueConsumer()

    @cached_property
    def _reply_exchange(self):
        return get_rpc_exchange(self.container.config)  # one kombu Exchange, not one per reply

    def get_provider_for_method(self, routing_key):
        # nameko 2.14 formats "<service>.<method>" for every entrypoint until one matches, on
        # every call: a dict kept while the entrypoints stay the same.
        by_key = self.__dict__.get("_provider_by_routing_key")
        if by_key is None:
            service_name = self.container.service_name
            by_key = self._provider_by_routing_key = {
                f"{service_name}.{provider.method_name}": provider for provider in self._providers}
        provider = by_key.get(routing_key)
        if provider is None:
            raise MethodNotFound(routing_key.split(".")[-1])
        return provider

    def register_provider(self, provider):
        super().register_provider(provider)
        self.__dict__.pop("_provider_by_routing_key", None)

    def unregister_provider(self, provider):
        super().unregister_provider(provider)
        self.__dict__.pop("_provider_by_routing_key", None)

    def _reply_producers(self):
        # Unconfirmed: a confirm per reply was a fifth of a read's CPU in the service. A lost
        # reply needs no confirm to be noticed: the caller's deadline answers 504, and its retry
        # is idempotent. Looked up per reply, as nameko does, should kombu renew its pools.
        config = self.container.config
        return producer_pool(config[AMQP_URI_CONFIG_KEY], confirms=False,
                             ssl=config.get(AMQP_SSL_CONFIG_KEY),
                             login_method=config.get(LOGIN_METHOD_CONFIG_KEY))

    def handle_result(self, message, result, exc_info):
        # nameko 2.14's RpcConsumer.handle_result, with our reply.
        try:
            result, exc_info = self._send_reply(message, result, exc_info)
        except (KombuOperationalError, ConnectionError) as exc:
            # The broker went away mid-reply. Raising here would stop the whole service; the
            # caller's deadline answers 504, and the unacked request is redelivered on reconnect
            # (every command is idempotent by its request id).
            log.warning("RPC reply not sent: broker unreachable", extra={"error": repr(exc)})
            return result, exc_info
        self.queue_consumer.ack_message(message)
        return result, exc_info

    def _send_reply(self, message, result, exc_info):
        """nameko 2.14's Responder.send_response, serialising the reply once: nameko serialised
        the result to check it could, then the whole reply again to publish it (a JSON encoding
        of every answer twice), and went through its Publisher's option merging per reply."""
        error = None if exc_info is None else serialize(exc_info[1])
        serializer = kombu.serialization.registry.type_to_name[message.properties["content_type"]]
        try:
            content_type, encoding, body = kombu.serialization.dumps(
                {"result": result, "error": error}, serializer)
        except Exception:
            # As nameko: an unserialisable result is answered as an error (which serialises),
            # not raised, which would stop the container and requeue the request for another.
            exc_info = sys.exc_info()
            error, result = serialize(UnserializableValueError(result)), None
            content_type, encoding, body = kombu.serialization.dumps(
                {"result": result, "error": error}, serializer)
        with self._reply_producers().acquire(block=True) as producer:
            producer.publish(body, content_type=content_type, content_encoding=encoding,
                             exchange=self._reply_exchange,
                             routing_key=message.properties["reply_to"],
                             correlation_id=message.properties.get("correlation_id"),
                             delivery_mode=PERSISTENT, retry=True,
                             retry_policy=DEFAULT_RETRY_POLICY)
        return result, exc_info


class _Rpc(SignatureReadOnce, Rpc):
    rpc_consumer = _RpcConsumer()

    def setup(self):
        signed_actor.configured_keys()  # no key, no service: refuse to start, not every call
        super().setup()


def rpc(method):
    """nameko's @rpc for `method(self, actor: Actor, request: dict)`.

    The caller sends the actor as a dict signed for this very call (signed_actor.py); it is
    verified and turned into an Actor here, once, for every service. A call whose caller's
    deadline has passed is dropped before it starts: the caller has already answered 504, and
    a write it reported as timed out must not be applied later. A client's error is logged as
    a warning, not as a crash.
    """
    @functools.wraps(method)
    def with_actor(self, actor: dict, request: dict):
        started, outcome = time.perf_counter(), "error"
        try:
            caller = _verified(self.name, method.__name__, actor, request)
            result = audited(self, method, caller, request)
            outcome = "ok"
            return result
        except CLIENT_ERRORS:
            outcome = "client_error"
            raise
        except DBAPIError as exc:
            if not _database_down(exc):
                raise
            # The transaction rolled back: nothing changed, and the caller may retry (503).
            log.warning("database unavailable", extra={"error": type(exc.orig or exc).__name__})
            outcome = "unavailable"
            raise Unavailable(TEMPORARILY_UNAVAILABLE) from exc
        finally:
            RPC_LATENCY.labels(self.name, method.__name__, outcome).observe(time.perf_counter() - started)
    return _Rpc.decorator(expected_exceptions=CLIENT_ERRORS)(with_actor)


def _verified(service: str, method: str, actor: dict, request: dict):
    try:
        caller = signed_actor.verify(actor, service, method, request)
    except signed_actor.ActorRefused as refusal:
        RPC_DROPPED.labels(service, method, "refused").inc()
        log.warning("RPC refused: caller identity not verified",
                    extra={"rpc_method": method, "reason": refusal.fields.get("reason")})
        raise
    if time.time() > caller.deadline:
        RPC_DROPPED.labels(service, method, "deadline_passed").inc()
        log.warning("RPC dropped: the caller's deadline had passed",
                    extra={"rpc_method": method, "late_seconds": round(time.time() - caller.deadline, 3)})
        raise signed_actor.DeadlinePassed(signed_actor.DEADLINE_PASSED)
    return caller.actor
