"""Nameko glue: each worker (HTTP, RPC, event) runs inside a span parented on the trace context
it arrived with; RPC calls it makes carry the context on (nameko sends context data as headers).
A batch of events has a span of its own linked to each event's trace (each event is then handled
in a span of its own trace, services/common/event_handling.py).
"""
from nameko.extensions import DependencyProvider
from nameko.messaging import Consumer
from nameko.web.handlers import HttpRequestHandler

from services.common.nameko_events import EventBatchConsumer
from services.common.nameko_rpc import CLIENT_ERRORS
from services.common.tracing import SpanKind, configure_tracing, end_span, links_to, start_span


class TraceContext(DependencyProvider):
    def setup(self):
        configure_tracing(self.container.service_name)
        self._spans = {}

    def get_dependency(self, worker_ctx):
        return None

    def worker_setup(self, worker_ctx):
        entrypoint = worker_ctx.entrypoint
        kind = (SpanKind.CONSUMER if isinstance(entrypoint, Consumer)
                else SpanKind.SERVER)
        name = (f"{entrypoint.method} {entrypoint.url}" if isinstance(entrypoint, HttpRequestHandler)
                else f"{self.container.service_name}.{entrypoint.method_name}")
        links = (links_to(envelope.get("traceparent") for envelope, _ in worker_ctx.args[0])
                 if isinstance(entrypoint, EventBatchConsumer) else None)
        # worker_ctx.data: what arrived and what nameko sends on as headers (its context_data
        # property is a fresh copy at each read, so the span's own context set there was lost).
        span, token, outgoing = start_span(name, worker_ctx.data, kind, links)
        worker_ctx.data.update(outgoing)
        self._spans[worker_ctx] = (span, token, None)

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        if exc_info is not None and worker_ctx in self._spans:
            span, token, _ = self._spans[worker_ctx]
            self._spans[worker_ctx] = (span, token, exc_info[1])

    def worker_teardown(self, worker_ctx):
        entry = self._spans.pop(worker_ctx, None)
        if entry is not None:
            span, token, error = entry
            end_span(span, token, error, client_error=isinstance(error, CLIENT_ERRORS))
