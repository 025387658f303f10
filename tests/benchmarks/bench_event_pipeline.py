"""Durable events per second through the whole path, beside raw pika in the same run.

  python tests/benchmarks/bench_event_pipeline.py [--events N]

Measures, on a private vhost of the local RabbitMQ and SQLite files in a temp folder:
  1. raw pika: persistent publishes waiting for each confirm (the naive ceiling);
  2. the outbox relay alone: N committed rows → broker, batched reads, pipelined confirms,
     and how fast the consumers then apply that backlog (effect + inbox row per event);
  3. the whole path: use case commits (state + outbox) → relay → consumers apply the effect with
     their inbox rows; timed from the first commit to the last effect. Every consumer takes
     events in batches (`consume_event_batches`: one transaction, one inbox write and one ack
     per batch).
Figures are ratios to (1) measured in the same run, before and after the rest; the baseline is
the faster of the two (a shared machine's load drifts during a run): compare those, not absolute
numbers. Beside each rate, the CPU every process spent per event (from /proc), which the load
does not skew: their sum says what the path would cost on two cores of its own.
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


CONSUMERS = {"matching": "known_organisations", "reports": "organisation_facts",
             "notifications": "organisation_kinds"}
# The processes whose CPU an event costs: the producer is this one, the relay runs in registry.
PROCESSES = ("registry", *CONSUMERS)


def cpu_seconds(pid: int | str) -> float:
    """User + system CPU time of a process so far (/proc): unlike a rate, not skewed by other
    work on a shared machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU per event of this process (the producer) and of each platform process, from start to
    `per_event`: idle processes' housekeeping is counted too, as it would be in production."""

    def __init__(self, platform, processes=PROCESSES):
        self._pids = {"producer (this process)": "self",
                      **{name: platform.supervisor.pid(name) for name in processes}}
        self._before = {name: cpu_seconds(pid) for name, pid in self._pids.items()}

    def per_event(self, count: int) -> dict[str, float]:
        """Milliseconds of CPU per event, by process."""
        return {name: (cpu_seconds(pid) - self._before[name]) / count * 1000
                for name, pid in self._pids.items()}


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


def relay_then_consumers(amqp_uri: str, count: int) -> tuple[float, dict[str, float], dict[str, float]]:
    """A committed backlog of `count` events: the relay's publish rate, then the rate at which
    each consumer (effect + inbox row) has applied all of it, and the CPU per event it took."""
    with tempfile.TemporaryDirectory() as folder, running_platform(
            Path(folder), amqp_uri, env={"KYODO_RELAY": "off"}) as platform:
        uow = registry_uow(platform.data_dir)
        register_in_bulk(uow, count)
        relay = OutboxRelay(uow._session_factory.kw["bind"], MESSAGING, ConfirmingPublisher(amqp_uri))
        meter = CpuMeter(platform)
        started = time.perf_counter()
        while relay.relay_once():
            pass
        published = time.perf_counter() - started
        rates = _applied_rates(platform, count, started)
        cpu = meter.per_event(count)
        cpu["relay (this process)"] = cpu.pop("producer (this process)")
        return count / published, rates, cpu


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


def whole_path(amqp_uri: str, count: int, produce=register_many
               ) -> tuple[float, dict[str, float], dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder, running_platform(Path(folder), amqp_uri) as platform:
        uow = registry_uow(platform.data_dir)
        meter = CpuMeter(platform)
        started = time.perf_counter()
        produce(uow, count)
        committed = time.perf_counter() - started
        rates = _applied_rates(platform, count, started)
        return count / committed, rates, meter.per_event(count)


def _rates(rates: dict[str, float], raw: float) -> str:
    return "   ".join(f"{service} {rate:7,.0f}/s ({rate / raw:.2f}× raw)" for service, rate in rates.items())


def _cpu(cpu: dict[str, float]) -> str:
    total = sum(cpu.values())
    return ("   CPU per event: " + ", ".join(f"{name} {ms:.2f} ms" for name, ms in cpu.items())
            + f"; total {total:.2f} ms ≈ {2000 / total:,.0f} events/s on 2 idle cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=int(os.environ.get("KYODO_BENCH_EVENTS", 3000)))
    count = parser.parse_args().events
    load_before = os.getloadavg()[0]
    with private_vhost() as amqp_uri:
        raw_before, raw_cpu = _timed_cpu(lambda: raw_pika_confirmed(amqp_uri, count), count)
        relay, drained, drained_cpu = relay_then_consumers(amqp_uri, count)
        commits, end_to_end, one_by_one_cpu = whole_path(amqp_uri, count)
        bulk_commits, bulk_end_to_end, bulk_cpu = whole_path(amqp_uri, count, register_in_bulk)
        raw_after = raw_pika_confirmed(amqp_uri, count)
    raw = max(raw_before, raw_after)
    print(f"events per run: {count:,}; load average {load_before:.1f} → {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"raw pika, persistent, confirm per message : {raw_before:8,.0f} msg/s before, "
          f"{raw_after:,.0f} after (baseline = the faster); {raw_cpu:.2f} ms CPU per message")
    print(f"outbox relay alone (batched, pipelined)    : {relay:8,.0f} msg/s   ({relay / raw:.2f}× raw)")
    print(f"backlog: relay → consumer effect + inbox   : {_rates(drained, raw)}")
    print(_cpu(drained_cpu))
    print(f"use-case commits, one per event (SQLite)   : {commits:8,.0f} /s")
    print(f"whole path, one commit per event           : {_rates(end_to_end, raw)}")
    print(_cpu(one_by_one_cpu))
    print(f"bulk commits, 100 events each (SQLite)     : {bulk_commits:8,.0f} /s")
    print(f"whole path, bulk commits                   : {_rates(bulk_end_to_end, raw)}")
    print(_cpu(bulk_cpu))
    baseline = "raw pika, a confirm per message"
    report("outbox relay alone", relay, "msg/s", baseline=baseline, baseline_value=raw)
    for service, rate in drained.items():
        report(f"backlog applied by {service} (batched)", rate, "events/s",
               baseline=baseline, baseline_value=raw)
    for label, rates in (("one commit per event", end_to_end), ("bulk commits of 100", bulk_end_to_end)):
        for service, rate in rates.items():
            report(f"durable events end to end, {label} → {service} (batched)", rate,
                   "events/s", baseline=baseline, baseline_value=raw, goal="≥ 2× raw",
                   met=rate >= 2 * raw)
    report("durable events end to end, bulk commits of 100: CPU per event, all processes",
           sum(bulk_cpu.values()), "ms")


def _timed_cpu(measure, count: int) -> tuple[float, float]:
    """(what `measure` returns, this process's CPU per message in ms)."""
    before = cpu_seconds("self")
    rate = measure()
    return rate, (cpu_seconds("self") - before) / count * 1000


if __name__ == "__main__":
    main()
