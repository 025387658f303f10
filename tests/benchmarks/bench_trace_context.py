"""What W3C trace context costs per consumed event, in process: batches of 128 events through
apply_batch (a span per event parented on its traceparent, the batch's span linking them all,
the traceparent kept with the event each handler raises), over the in-memory unit of work.

Three phases in one process, as a service runs: no tracer provider (the OpenTelemetry API's
no-op, the baseline), the SDK provider with nothing to export to (the default deployment), and
the SDK with a batch span processor handing spans to an exporter that drops them (the cost of
exporting, without a network). The API's provider can be set once, so the order is fixed.

  python tests/benchmarks/bench_trace_context.py [--events N]

Not collected by pytest (its name does not start with test_).
"""
import argparse
import secrets
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from opentelemetry import trace  # noqa: E402
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult  # noqa: E402

from services.common.domain_events import DomainEvent  # noqa: E402
from services.common.event_handling import apply_batch  # noqa: E402
from services.common.tracing import SpanKind, configure_tracing, end_span, links_to, start_span  # noqa: E402
from services.common.unit_of_work import MemoryUnitOfWork  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402

BATCH = 128
ROUNDS = 5


@dataclass(frozen=True)
class Noted(DomainEvent):
    type = "probe.noted"
    item_id: str


def handler(uow, event_id, payload):
    uow.emit(Noted(payload["item_id"]))


def batches(events: int) -> list[list[tuple[dict, dict]]]:
    made = []
    for _ in range(events // BATCH):
        batch = []
        for _ in range(BATCH):
            item_id = str(uuid.uuid4())
            envelope = {"id": str(uuid.uuid4()), "type": "probe.item_added", "correlation_id": "c",
                        "traceparent": f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"}
            batch.append((envelope, {"item_id": item_id}))
        made.append(batch)
    return made


def per_event_us(work: list[list[tuple[dict, dict]]]) -> float:
    """Median over ROUNDS of the µs per event for consuming every batch as a batch worker does."""
    rounds = []
    for _ in range(ROUNDS):
        uow = MemoryUnitOfWork()
        started = time.perf_counter()
        for batch in work:
            span, token, _ = start_span("probe.handle_events", {}, SpanKind.CONSUMER,
                                        links_to(envelope.get("traceparent") for envelope, _ in batch))
            apply_batch(uow, batch, {"probe.item_added": handler})
            end_span(span, token)
        rounds.append((time.perf_counter() - started) / (len(work) * BATCH) * 1e6)
    return sorted(rounds)[len(rounds) // 2]


class Dropping(SpanExporter):
    def export(self, spans):
        return SpanExportResult.SUCCESS

    def shutdown(self):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20_480)
    args = parser.parse_args()
    work = batches(args.events)
    per_event_us(work[:4])  # warm up imports and caches
    untraced = per_event_us(work)
    configure_tracing("bench")
    traced = per_event_us(work)
    trace.get_tracer_provider().add_span_processor(BatchSpanProcessor(Dropping()))
    exported = per_event_us(work)
    print(f"per consumed event: {untraced:.1f} µs without a tracer provider, {traced:.1f} µs traced "
          f"(+{traced - untraced:.1f} µs), {exported:.1f} µs traced and exported "
          f"(+{exported - untraced:.1f} µs); batches of {BATCH}, {len(work) * BATCH} events, median of {ROUNDS}")
    report("tracing cost per consumed event (SDK, no exporter)", traced - untraced, "µs/event",
           baseline="µs/event consumed without a tracer provider", baseline_value=untraced)
    report("tracing cost per consumed event (SDK, batch export)", exported - untraced, "µs/event",
           baseline="µs/event consumed without a tracer provider", baseline_value=untraced)


if __name__ == "__main__":
    main()
