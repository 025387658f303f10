"""Durable events per second through the whole path, beside raw pika in the same run.

  python tests/benchmarks/bench_event_pipeline.py [--events N]

Measures, on a private vhost of the local RabbitMQ and SQLite files in a temp folder:
  1. raw pika: persistent publishes waiting for each confirm (the naive ceiling);
  2. the outbox relay alone: N committed rows → broker, batched reads, pipelined confirms,
     and how fast the consumers then apply that backlog (effect + inbox row per event);
  3. the whole path: use case commits (state + outbox) → relay → reports' consumer applies the
     effect with its inbox row; timed from the first commit to the last effect.
Figures are ratios to (1) measured in the same run: compare those, not absolute numbers.
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pika  # noqa: E402

from services.common.confirming_publisher import ConfirmingPublisher  # noqa: E402
from services.common.outbox_relay import OutboxRelay  # noqa: E402
from services.registry.adapters.tables import MESSAGING  # noqa: E402
from tests.support.events import count_rows, register_many, registry_uow  # noqa: E402
from tests.support.platform import eventually, running_platform  # noqa: E402
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


def relay_then_consumers(amqp_uri: str, count: int) -> tuple[float, float]:
    """A committed backlog of `count` events: the relay's publish rate, then the rate at which
    the consumers (reports: effect + inbox row per event) have applied all of it."""
    with tempfile.TemporaryDirectory() as folder, running_platform(
            Path(folder), amqp_uri, env={"KYODO_RELAY": "off"}) as platform:
        uow = registry_uow(platform.data_dir)
        register_many(uow, count)
        relay = OutboxRelay(uow._session_factory.kw["bind"], MESSAGING, ConfirmingPublisher(amqp_uri))
        started = time.perf_counter()
        while relay.relay_once():
            pass
        published = time.perf_counter() - started
        eventually(lambda: count_rows(platform.data_dir / "reports.sqlite3", "organisation_facts") >= count,
                   timeout=600, interval=0.05)
        return count / published, count / (time.perf_counter() - started)


def whole_path(amqp_uri: str, count: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder, running_platform(Path(folder), amqp_uri) as platform:
        uow = registry_uow(platform.data_dir)
        started = time.perf_counter()
        register_many(uow, count)
        committed = time.perf_counter() - started
        eventually(lambda: count_rows(platform.data_dir / "reports.sqlite3", "organisation_facts") >= count,
                   timeout=600, interval=0.05)
        elapsed = time.perf_counter() - started
        return count / committed, count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=int(os.environ.get("KYODO_BENCH_EVENTS", 3000)))
    count = parser.parse_args().events
    with private_vhost() as amqp_uri:
        raw = raw_pika_confirmed(amqp_uri, count)
        relay, drained = relay_then_consumers(amqp_uri, count)
        commits, end_to_end = whole_path(amqp_uri, count)
    print(f"events per run: {count:,}")
    print(f"raw pika, persistent, confirm per message : {raw:8,.0f} msg/s   (1.00×)")
    print(f"outbox relay alone (batched, pipelined)    : {relay:8,.0f} msg/s   ({relay / raw:.2f}× raw)")
    print(f"backlog: relay → consumer effect + inbox   : {drained:8,.0f} events/s ({drained / raw:.2f}× raw)")
    print(f"use-case commits (row + outbox, SQLite)    : {commits:8,.0f} /s")
    print(f"whole path: commit → relay → consumer+inbox: {end_to_end:8,.0f} events/s ({end_to_end / raw:.2f}× raw)")


if __name__ == "__main__":
    main()
