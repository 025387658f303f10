"""The RPC consumer finds a call's entrypoint as nameko 2.14 does, and its reply is what nameko's
Responder sent: the result or the serialised error, as JSON encoded the way the request came; an
unserialisable result is answered as an error."""
import json
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from kombu import Exchange
from nameko.exceptions import MethodNotFound

from services.common.errors import NotFound
from services.common.nameko_rpc import _RpcConsumer


class Message:
    properties = {"content_type": "application/json", "reply_to": "rpc.reply-abc",
                  "correlation_id": "c-1"}


class Producers:
    def __init__(self):
        self.published = []

    @contextmanager
    def acquire(self, block):
        yield self

    def publish(self, body, **options):
        self.published.append((body, options))


def replying():
    consumer, producers = _RpcConsumer(), Producers()
    consumer.__dict__.update(_reply_producers=lambda: producers,
                             _reply_exchange=Exchange("nameko-rpc"))
    return consumer, producers


def sent(producers):
    body, options = producers.published[-1]
    return json.loads(body), options


def test_a_result_is_sent_once_serialised_to_the_caller_s_reply_queue():
    consumer, producers = replying()
    assert consumer._send_reply(Message(), {"名前": "会"}, None) == ({"名前": "会"}, None)
    reply, options = sent(producers)
    assert reply == {"result": {"名前": "会"}, "error": None}
    assert (options["routing_key"], options["correlation_id"]) == ("rpc.reply-abc", "c-1")
    assert (options["content_type"], options["exchange"].name) == ("application/json", "nameko-rpc")


def test_an_error_is_sent_as_nameko_serialises_it():
    consumer, producers = replying()
    error = NotFound("ありません / not found")
    consumer._send_reply(Message(), None, (NotFound, error, None))
    reply, _ = sent(producers)
    assert reply["result"] is None
    assert (reply["error"]["exc_type"], reply["error"]["value"]) == ("NotFound", "ありません / not found")


def test_an_unserialisable_result_is_answered_as_an_error_not_raised():
    consumer, producers = replying()
    result, exc_info = consumer._send_reply(Message(), {"at": object()}, None)
    reply, _ = sent(producers)
    assert result is None and exc_info is not None
    assert reply["result"] is None and reply["error"]["exc_type"] == "UnserializableValueError"


class Entrypoint:
    def __init__(self, method_name):
        self.method_name = method_name


def test_a_call_reaches_the_entrypoint_its_routing_key_names_as_entrypoints_come_and_go():
    consumer = _RpcConsumer()
    consumer.container = SimpleNamespace(service_name="probe")
    act, other = Entrypoint("act"), Entrypoint("other")
    consumer.register_provider(act)
    assert consumer.get_provider_for_method("probe.act") is act
    with pytest.raises(MethodNotFound):
        consumer.get_provider_for_method("probe.other")
    consumer.register_provider(other)
    assert consumer.get_provider_for_method("probe.other") is other
    with pytest.raises(MethodNotFound):
        consumer.get_provider_for_method("elsewhere.act")
