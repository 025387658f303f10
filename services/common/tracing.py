"""W3C trace context (OpenTelemetry) for every process: a span per HTTP request, RPC and
consumed event, parented on the caller's `traceparent`; exported over OTLP/HTTP when
OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, else only propagated
and written into the logs (`trace_id`), so a request's lines in every process share one id.

Across RPC the context rides in nameko's context data (`traceparent`, `tracestate` headers).
Through events it rides in the outbox row and, from the relay on, in the message's `traceparent`
header: a consumed event is handled in a span of the trace that raised it.
"""
import os
from contextlib import contextmanager
from functools import cache

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import Link, SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

TRACE_KEYS = ("traceparent", "tracestate")
_configured = False


def configure_tracing(service: str) -> None:
    """Once per process: an SDK tracer provider named kyodo-<service>, exporting if configured."""
    global _configured
    if _configured:
        return
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    provider = TracerProvider(resource=Resource.create({"service.name": f"kyodo-{service}"}))
    if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    _configured = True


@cache
def _tracer():
    # One tracer per process: get_tracer per span cost more than the span. Before
    # configure_tracing this is a proxy that picks up the provider once it is set.
    return trace.get_tracer("kyodo")


# W3C trace context alone, not the global composite (which adds baggage): only TRACE_KEYS are
# read from a carrier, so no baggage ever arrives to be sent on.
_TRACE_CONTEXT = TraceContextTextMapPropagator()


def start_span(name: str, carrier: dict, kind: SpanKind, links: list[Link] | None = None):
    """Start a span whose parent is the carrier's trace context (if any) and make it current.
    Returns (span, token, outgoing): `outgoing` is the context to send on to callees."""
    span, token, current = _start(name, carrier, kind, links)
    outgoing: dict = {}
    _TRACE_CONTEXT.inject(outgoing, context=current)
    return span, token, outgoing


def _start(name: str, carrier: dict, kind: SpanKind, links: list[Link] | None = None):
    parent = _TRACE_CONTEXT.extract({key: carrier[key] for key in TRACE_KEYS if carrier.get(key)})
    span = _tracer().start_span(name, context=parent, kind=kind, links=links)
    current = trace.set_span_in_context(span, parent)
    return span, otel_context.attach(current), current


def end_span(span, token, error: BaseException | None = None, client_error: bool = False) -> None:
    if error is not None and not client_error:
        span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        span.record_exception(error)
    span.end()
    otel_context.detach(token)


def current_trace_id() -> str | None:
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


def current_traceparent() -> str | None:
    """The W3C `traceparent` of the current span, to keep with an event raised now."""
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return f"00-{context.trace_id:032x}-{context.span_id:016x}-{context.trace_flags:02x}"


def links_to(traceparents) -> list[Link]:
    """Links to the traces these `traceparent` values name (a batch's span to its events')."""
    links = []
    for traceparent in traceparents:
        if traceparent:
            context = trace.get_current_span(
                _TRACE_CONTEXT.extract({"traceparent": traceparent})).get_span_context()
            if context.is_valid:
                links.append(Link(context))
    return links


@contextmanager
def event_span(name: str, traceparent: str | None):
    """One event of a batch handled in a span of its own trace: its logs and the events it
    raises carry the trace of whatever raised it, not the batch's."""
    span, token, _ = _start(name, {"traceparent": traceparent}, SpanKind.CONSUMER)
    error = None
    try:
        yield span
    except BaseException as exc:
        error = exc
        raise
    finally:
        end_span(span, token, error)
