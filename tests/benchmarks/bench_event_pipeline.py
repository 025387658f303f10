"""Durable events per second through the whole path, beside raw pika in the same run.

  python tests/benchmarks/bench_event_pipeline.py [--events N]

Measures, on a private vhost of the local RabbitMQ and SQLite files in a temp folder:
  1. raw pika: persistent publishes waiting for each confirm (the naive ceiling);
  2. the outbox relay alone: N committed rows → broker, batched reads, pipelined confirms,
     and how fast the consumers then apply that backlog (effect + inbox row per event);
  3. the whole path: use case commits (state + outbox) → relay → consumers apply the effect with
     their inbox rows; timed from the first commit to the last effect. matching consumes in
     batches (`consume_event_batches`: one transaction and one ack per batch); a service still on
     `consume_events` (one transaction per event) is timed beside it while it exists.
Figures are ratios to (1) measured in the same run: compare those, not absolute numbers.
"""
import argparse
import os
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pika  # noqa: E402

from services.common.confirming_publisher import ConfirmingPublisher  # noqa: E402
from services.common.outbox_relay import OutboxRelay  # noqa: E402
from services.registry.adapters.city_profiles import configured_city  # noqa: E402
from services.registry.adapters.tables import MESSAGING  # noqa: E402
from services.registry.domain import organisation as organisations  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402
from tests.support.events import REGIONS, count_rows, register_many, registry_uow  # noqa: E402
from tests.support.platform import running_platform  # noqa: E402
from tests.support.rabbitmq import private_vhost  # noqa: E402


def raw_pika_confirmed(amqp_uri: str, count: int) -> float:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_uri))
    channel = connection.channel()
    channel.queue_declare("bench-raw", durable=True)
    channel.confirm_delivery()
    body = b'{"payload": "x"}' * 16
    started = time.perf_counter()
    for _ in range(count):
        channel.basic_publish("", "bench-raw", body, pika.BasicProperties(delivery_mode=2))
    elapsed = time.perf_counter() - started
    channel.queue_delete("bench-raw")
    connection.close()
    return count / elapsed


CONSUMERS = {"matching": "known_organisations", "reports": "organisation_facts"}
CONSUMERS_KIND = {"matching": "batched", "reports": "per event until its service switches"}


def _applied_rates(platform, count: int, started: float) -> dict[str, float]:
    """Each consumer's events/s from `started` until its table holds `count` effects."""
    rates = {}
    pending = dict(CONSUMERS)
    deadline = time.monotonic() + 600
    while pending and time.monotonic() < deadline:
        for service, table in list(pending.items()):
            if count_rows(platform.data_dir / f"{service}.sqlite3", table) >= count:
                rates[service] = count / (time.perf_counter() - started)
                del pending[service]
        time.sleep(0.02)
    if pending:
        raise TimeoutError(f"not applied within 600 s: {sorted(pending)}")
    return rates


def relay_then_consumers(amqp_uri: str, count: int) -> tuple[float, dict[str, float]]:
    """A committed backlog of `count` events: the relay's publish rate, then the rate at which
    each consumer (effect + inbox row) has applied all of it."""
    with tempfile.TemporaryDirectory() as folder, running_platform(
            Path(folder), amqp_uri, env={"KYODO_RELAY": "off"}) as platform:
        uow = registry_uow(platform.data_dir)
        register_many(uow, count)
        relay = OutboxRelay(uow._session_factory.kw["bind"], MESSAGING, ConfirmingPublisher(amqp_uri))
        started = time.perf_counter()
        while relay.relay_once():
            pass
        published = time.perf_counter() - started
        return count / published, _applied_rates(platform, count, started)


def register_in_bulk(uow, count: int, per_commit: int = 100) -> None:
    """What a bulk import does: many organisations, their rows and outbox events, per commit."""
    city = configured_city()
    now = datetime.now(timezone.utc)
    for start in range(0, count, per_commit):
        with uow:
            for index in range(start, min(start + per_commit, count)):
                uow.organisations.add(organisations.register(
                    organisation_id=str(uuid.uuid4()), name=f"一括団体{index}", name_kana="イッカツダンタイ",
                    kind="citizen_group", region=REGIONS[index % len(REGIONS)], fields=["welfare"],
                    description="", verified=True, now=now, city=city))
            uow.commit()


def whole_path(amqp_uri: str, count: int, produce=register_many) -> tuple[float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder, running_platform(Path(folder), amqp_uri) as platform:
        uow = registry_uow(platform.data_dir)
        started = time.perf_counter()
        produce(uow, count)
        committed = time.perf_counter() - started
        return count / committed, _applied_rates(platform, count, started)


def _rates(rates: dict[str, float], raw: float) -> str:
    return "   ".join(f"{service} {rate:7,.0f}/s ({rate / raw:.2f}× raw)" for service, rate in rates.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=int(os.environ.get("KYODO_BENCH_EVENTS", 3000)))
    count = parser.parse_args().events
    with private_vhost() as amqp_uri:
        raw = raw_pika_confirmed(amqp_uri, count)
        relay, drained = relay_then_consumers(amqp_uri, count)
        commits, end_to_end = whole_path(amqp_uri, count)
        bulk_commits, bulk_end_to_end = whole_path(amqp_uri, count, register_in_bulk)
        raw_after = raw_pika_confirmed(amqp_uri, count)
    print(f"events per run: {count:,}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"raw pika, persistent, confirm per message : {raw:8,.0f} msg/s before, "
          f"{raw_after:,.0f} after (1.00× = before)")
    print(f"outbox relay alone (batched, pipelined)    : {relay:8,.0f} msg/s   ({relay / raw:.2f}× raw)")
    print(f"backlog: relay → consumer effect + inbox   : {_rates(drained, raw)}")
    print(f"use-case commits, one per event (SQLite)   : {commits:8,.0f} /s")
    print(f"whole path, one commit per event           : {_rates(end_to_end, raw)}")
    print(f"bulk commits, 100 events each (SQLite)     : {bulk_commits:8,.0f} /s")
    print(f"whole path, bulk commits                   : {_rates(bulk_end_to_end, raw)}")
    baseline = "raw pika, a confirm per message"
    report("outbox relay alone", relay, "msg/s", baseline=baseline, baseline_value=raw)
    for service, rate in drained.items():
        report(f"backlog applied by {service} ({CONSUMERS_KIND[service]})", rate, "events/s",
               baseline=baseline, baseline_value=raw)
    for label, rates in (("one commit per event", end_to_end), ("bulk commits of 100", bulk_end_to_end)):
        for service, rate in rates.items():
            report(f"durable events end to end, {label} → {service} ({CONSUMERS_KIND[service]})", rate,
                   "events/s", baseline=baseline, baseline_value=raw, goal="≥ 2× raw",
                   met=rate >= 2 * raw)


if __name__ == "__main__":
    main()
