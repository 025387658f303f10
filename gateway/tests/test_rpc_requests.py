"""The gateway's RPC requests are published without confirms and not mandatory (rpc_requests.py):
the reply, awaited under a deadline, is what the gateway relies on."""
from contextlib import contextmanager
from types import SimpleNamespace

import nameko.amqp.publish

from gateway.rpc_requests import UnconfirmedRpcProxy
from services.common.amqp_read_ahead import ReadAheadTransport


def test_a_request_is_published_without_a_confirm_and_not_mandatory(monkeypatch):
    published = []

    @contextmanager
    def producer(amqp_uri, confirms=True, ssl=None, login_method=None, transport_options=None):
        sent = {"confirms": confirms, "confirm_publish": transport_options["confirm_publish"]}
        published.append(sent)
        yield SimpleNamespace(publish=lambda payload, **options: sent.update(options, payload=payload))

    monkeypatch.setattr(nameko.amqp.publish, "get_producer", producer)
    replies = SimpleNamespace(routing_key="gateway-replies", get_reply_event=lambda correlation_id: None)
    proxy = UnconfirmedRpcProxy("registry")
    proxy.rpc_reply_listener = replies
    worker = SimpleNamespace(container=SimpleNamespace(config={"AMQP_URI": "amqp://broker/"}),
                             context_data={"correlation_id": "c-1"})

    proxy.get_dependency(worker).get_organisation.call_async({"role": "operator"}, {"id": "o-1"})

    [sent] = published
    assert sent["confirms"] is False and sent["confirm_publish"] is False
    assert sent["mandatory"] is False
    assert sent["routing_key"] == "registry.get_organisation" and sent["reply_to"] == "gateway-replies"
    assert sent["payload"] == {"args": ({"role": "operator"}, {"id": "o-1"}), "kwargs": {}}


def test_replies_are_read_ahead_and_so_are_reconnections():
    consumer = UnconfirmedRpcProxy.rpc_reply_listener.queue_consumer
    consumer = type(consumer).__new__(type(consumer))
    consumer.container = SimpleNamespace(config={"AMQP_URI": "amqp://guest:guest@localhost:5672/"})
    assert consumer.connection.transport_cls is ReadAheadTransport
    assert consumer.connection.clone().transport_cls is ReadAheadTransport
