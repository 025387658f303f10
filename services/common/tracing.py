"""W3C trace context (OpenTelemetry) for every process: a span per HTTP request, RPC and
consumed event, parented on the caller's `traceparent`; exported over OTLP/HTTP when
OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, else only propagated
and written into the logs (`trace_id`), so a request's lines in every process share one id.

Across RPC the context rides in nameko's context data (`traceparent`, `tracestate` headers).
"""
import os

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.propagate import extract, inject
from opentelemetry.trace import SpanKind, Status, StatusCode

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


def start_span(name: str, carrier: dict, kind: SpanKind):
    """Start a span whose parent is the carrier's trace context (if any) and make it current.
    Returns (span, token, outgoing): `outgoing` is the context to send on to callees."""
    parent = extract({key: carrier[key] for key in TRACE_KEYS if carrier.get(key)})
    span = trace.get_tracer("kyodo").start_span(name, context=parent, kind=kind)
    current = trace.set_span_in_context(span, parent)
    token = otel_context.attach(current)
    outgoing: dict = {}
    inject(outgoing, context=current)
    return span, token, outgoing


def end_span(span, token, error: BaseException | None = None, client_error: bool = False) -> None:
    if error is not None and not client_error:
        span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        span.record_exception(error)
    span.end()
    otel_context.detach(token)


def current_trace_id() -> str | None:
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None
