"""What a worker sends on as nameko context data (RPC headers): the span it runs in and the
correlation id it runs under, even when it arrived without either."""
import secrets
from types import SimpleNamespace

from nameko.containers import WorkerContext

from services.common.nameko_correlation import CorrelationContext
from services.common.nameko_tracing import TraceContext


def _worker(data: dict) -> WorkerContext:
    container = SimpleNamespace(config={}, service_name="probe")
    entrypoint = SimpleNamespace(method_name="work")
    return WorkerContext(container, None, entrypoint, data=data)


def _provider(cls):
    provider = cls()
    provider.container = SimpleNamespace(service_name="probe", config={})
    provider.setup()
    return provider


def test_an_rpc_made_by_the_worker_carries_the_workers_own_span_as_parent():
    trace_id, caller_span = secrets.token_hex(16), secrets.token_hex(8)
    worker = _worker({"traceparent": f"00-{trace_id}-{caller_span}-01"})
    tracing = _provider(TraceContext)
    tracing.worker_setup(worker)
    try:
        sent = worker.context_data["traceparent"]
        _, sent_trace, sent_span, _ = sent.split("-")
        assert sent_trace == trace_id and sent_span != caller_span  # the worker's span, a child
    finally:
        tracing.worker_teardown(worker)


def test_a_worker_that_arrived_without_a_correlation_id_sends_on_the_one_it_runs_under():
    worker = _worker({})
    correlation = _provider(CorrelationContext)
    given = correlation.get_dependency(worker)
    correlation.worker_setup(worker)
    try:
        assert worker.context_data["correlation_id"] == given == correlation.get_dependency(worker)
    finally:
        correlation.worker_teardown(worker)
