"""W3C trace context through events, in one process over a real broker: the outbox row keeps the
`traceparent` current when the event was raised, the relay sends it as a header, and the consumer
side continues that trace (a single event's span is its child; a batch's span links to it and the
event is handled in a span of its own trace, which the events it raises carry on)."""
import time
import uuid
from dataclasses import dataclass

import kombu
import pytest
from marshmallow import Schema
from opentelemetry import trace
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import select

from services.common import topology
from services.common.confirming_publisher import ConfirmingPublisher
from services.common.contract_schema import UuidString
from services.common.database import make_engine, make_session_factory
from services.common.domain_events import DomainEvent
from services.common.event_contracts import EventCatalogue, EventContract
from services.common.event_handling import apply_batch, apply_once
from services.common.nameko_events import _trace_headers
from services.common.outbox_relay import OutboxRelay
from services.common.tests.batch_probe import ITEM_ADDED, MESSAGING, METADATA, ItemAdded, ProbeUnitOfWork
from services.common.tracing import (SpanKind, configure_tracing, current_trace_id, end_span, links_to,
                                     start_span)

pytestmark = pytest.mark.broker

ITEM_NOTED = "probe.item_noted"


class ItemNotedSchema(Schema):
    item_id = UuidString(required=True)


@dataclass(frozen=True)
class Added(DomainEvent):
    type = ITEM_ADDED
    item_id: str
    poison: bool = False


@dataclass(frozen=True)
class Noted(DomainEvent):
    type = ITEM_NOTED
    item_id: str


CATALOGUE = EventCatalogue([EventContract(ITEM_ADDED, 1, ItemAdded, {}),
                            EventContract(ITEM_NOTED, 1, ItemNotedSchema, {})])


@pytest.fixture(scope="module")
def spans():
    configure_tracing("tests")
    exporter = InMemorySpanExporter()
    trace.get_tracer_provider().add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


@pytest.fixture
def kernel(tmp_path, vhost_uri, spans):
    """A probe service's database and topology, and an outbox relay on the real broker."""
    engine = make_engine(f"sqlite:///{tmp_path / 'probe.sqlite3'}")
    METADATA.create_all(engine)
    with kombu.Connection(vhost_uri) as connection:
        topology.declare(connection, [topology.Subscription("probe", frozenset({ITEM_ADDED}))])
    publisher = ConfirmingPublisher(vhost_uri)
    spans.clear()
    yield engine, OutboxRelay(engine, MESSAGING, publisher)
    publisher.close()
    engine.dispose()


def unit_of_work(engine) -> ProbeUnitOfWork:
    return ProbeUnitOfWork(make_session_factory(engine), "probe", CATALOGUE, MESSAGING)


def raise_and_relay(engine, relay) -> tuple[trace.Span, str]:
    """A request's span raises an event; the relay publishes it. Returns the span and item id."""
    item_id = str(uuid.uuid4())
    request_span, token, _ = start_span("POST /items", {}, SpanKind.SERVER)
    with unit_of_work(engine) as uow:
        uow.emit(Added(item_id))
        uow.commit()
    end_span(request_span, token)
    assert relay.relay_once() == 1
    return request_span, item_id


def received(amqp_uri: str):
    """The next message on probe.events, with its body loaded as a consumer loads it."""
    with kombu.Connection(amqp_uri) as connection:
        queue = kombu.Queue("probe.events", no_declare=True)(connection.default_channel)
        deadline = time.monotonic() + 30
        while (message := queue.get()) is None:
            assert time.monotonic() < deadline, "no message arrived"
            time.sleep(0.1)
        message.ack()
        envelope, payload = CATALOGUE.load_incoming(message.decode())
        return message, envelope, payload


def outbox_traceparents(engine, event_type: str) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(MESSAGING.outbox.c.traceparent)
                                       .where(MESSAGING.outbox.c.type == event_type)).scalars())


def note(seen: list):
    def handler(uow, event_id, payload):
        seen.append(current_trace_id())  # what this handler's log lines carry
        uow.emit(Noted(payload["item_id"]))
    return handler


def test_a_single_events_consumer_span_is_a_child_of_the_span_that_raised_it(kernel, vhost_uri, spans):
    engine, relay = kernel
    request_span, _ = raise_and_relay(engine, relay)
    request = request_span.get_span_context()
    [stored] = outbox_traceparents(engine, ITEM_ADDED)
    assert stored.split("-")[:3] == ["00", f"{request.trace_id:032x}", f"{request.span_id:016x}"]

    message, envelope, payload = received(vhost_uri)
    assert message.headers["traceparent"] == stored
    # What EventsConsumer hands nameko as context data, and TraceContext starts the worker's span on.
    consumer_span, token, _ = start_span("probe.handle_event", _trace_headers(message), SpanKind.CONSUMER)
    seen: list = []
    with unit_of_work(engine) as uow:
        assert apply_once(uow, envelope, payload, note(seen))
    end_span(consumer_span, token)

    [exported] = [span for span in spans.get_finished_spans() if span.name == "probe.handle_event"]
    assert exported.parent.span_id == request.span_id
    assert exported.context.trace_id == request.trace_id
    assert seen == [f"{request.trace_id:032x}"]
    [follow_up] = outbox_traceparents(engine, ITEM_NOTED)
    assert follow_up.split("-")[1:3] == [f"{request.trace_id:032x}", f"{consumer_span.get_span_context().span_id:016x}"]


def test_a_batch_links_each_events_trace_and_handles_each_event_in_a_span_of_that_trace(kernel, vhost_uri, spans):
    engine, relay = kernel
    request_span, _ = raise_and_relay(engine, relay)
    request = request_span.get_span_context()

    message, envelope, payload = received(vhost_uri)
    # What EventBatchConsumer keeps with each event, and TraceContext links the batch's span to.
    envelope["traceparent"] = _trace_headers(message).get("traceparent")
    events = [(envelope, payload)]
    batch_span, token, _ = start_span("probe.handle_events", {}, SpanKind.CONSUMER,
                                      links_to(e.get("traceparent") for e, _ in events))
    seen: list = []
    with unit_of_work(engine) as uow:
        assert apply_batch(uow, events, {ITEM_ADDED: note(seen)}) == 1
    end_span(batch_span, token)

    finished = {span.name: span for span in spans.get_finished_spans()}
    batch, handled = finished["probe.handle_events"], finished[f"handle {ITEM_ADDED}"]
    assert batch.context.trace_id != request.trace_id
    assert [(link.context.trace_id, link.context.span_id) for link in batch.links] == [
        (request.trace_id, request.span_id)]
    assert (handled.context.trace_id, handled.parent.span_id) == (request.trace_id, request.span_id)
    assert seen == [f"{request.trace_id:032x}"]
    [follow_up] = outbox_traceparents(engine, ITEM_NOTED)
    assert follow_up.split("-")[1:3] == [f"{request.trace_id:032x}", f"{handled.context.span_id:016x}"]
