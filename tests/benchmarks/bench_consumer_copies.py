"""Copies of a CPU-bound consumer as competing consumers: events/s of 2 copies against 1.

  python tests/benchmarks/bench_consumer_copies.py [--events N] [--cpu-ms MS]

The consumer is the kernel's batch probe (services/common/tests/batch_probe_service.py): the
kernel's batch consumer, inbox and one effect row per event on PostgreSQL, each event costing
MS of CPU in its handler. For 1 and then 2 copies (a fresh database and vhost each), the copies
start, N events are published, and the time until the last effect commits gives events/s.
Goal: 2 copies ≥ 1.6× one. On a 2-core machine shared with other work the second copy only
gets what the load leaves: the load average is printed beside the figures, and each copy's CPU
(from /proc) shows both were busy.

Each copy takes batches of --batch events with a prefetch of twice that, as a CPU-heavy
consumer's copies should: with the default window (256) one copy could still hold a backlog's
last few hundred events, ~0.8 s of work at 3 ms each, while the other had finished.
"""
import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from services.common.confirming_publisher import ConfirmingPublisher, OutgoingMessage  # noqa: E402
from services.common.envelope import Envelope  # noqa: E402
from services.common.tests.batch_probe import ITEM_ADDED, METADATA  # noqa: E402
from services.common.topology import EVENTS_EXCHANGE  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402
from tests.support.platform import eventually  # noqa: E402
from tests.support.rabbitmq import free_port, private_vhost  # noqa: E402
from tests.support.throwaway_postgres import throwaway_database  # noqa: E402

GOAL = 1.6


def effects(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM effects")).scalar_one()
    finally:
        engine.dispose()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_copy(amqp_uri: str, url: str, cpu_ms: float, batch: int, log: Path) -> subprocess.Popen:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KYODO_AMQP_URI": amqp_uri,
           "KYODO_PROBE_DATABASE_URL": url, "KYODO_HTTP_ADDRESS": f"127.0.0.1:{port}",
           "KYODO_PROBE_CPU_MS": str(cpu_ms), "KYODO_LOG_LEVEL": "WARNING",
           "KYODO_EVENT_BATCH_SIZE": str(batch), "KYODO_EVENT_PREFETCH": str(2 * batch),
           # Its RPC entrypoints refuse to start without one; nothing calls them here.
           "KYODO_ACTOR_SIGNING_KEY": os.environ.get("KYODO_ACTOR_SIGNING_KEY") or secrets.token_urlsafe(32)}
    with log.open("ab") as out:
        process = subprocess.Popen([sys.executable, "-m", "services.common.tests.batch_probe_service"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)

    def ready():
        assert process.poll() is None, log.read_text()
        try:
            return requests.get(f"http://127.0.0.1:{port}/health/ready", timeout=2).ok
        except requests.ConnectionError:
            return False
    eventually(ready, timeout=60)
    return process


def events_per_second(copies: int, count: int, cpu_ms: float, batch: int,
                      folder: Path) -> tuple[float, list[float]]:
    """events/s of `copies` copies, and each copy's CPU seconds while they drained the events."""
    with throwaway_database("kyodo_bench") as url:
        engine = create_engine(url)
        METADATA.create_all(engine)  # before the copies, which would race to create it
        engine.dispose()
        with private_vhost() as amqp_uri:
            processes = [start_copy(amqp_uri, url, cpu_ms, batch, folder / f"copy{copies}-{i}.log")
                         for i in range(copies)]
            try:
                before = [cpu_seconds(process.pid) for process in processes]
                rate = _drain_rate(amqp_uri, url, count)
                return rate, [cpu_seconds(process.pid) - cpu for process, cpu in zip(processes, before)]
            finally:  # inside the vhost: deleting it first would leave the copies reconnecting
                for process in processes:
                    process.terminate()
                    process.wait(timeout=30)


def _drain_rate(amqp_uri: str, url: str, count: int) -> float:
    messages = []
    for _ in range(count):
        envelope = Envelope(ITEM_ADDED, 1, "bench", {"item_id": str(uuid.uuid4())},
                            correlation_id=str(uuid.uuid4())).as_dict()
        messages.append(OutgoingMessage(envelope["id"], EVENTS_EXCHANGE, ITEM_ADDED,
                                        json.dumps(envelope).encode(), {"type": ITEM_ADDED}))
    publisher = ConfirmingPublisher(amqp_uri)
    started = time.perf_counter()
    for first in range(0, count, 500):
        assert not publisher.publish_batch(messages[first:first + 500]).unconfirmed
    publisher.close()
    eventually(lambda: effects(url) >= count, timeout=600, interval=0.05)
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--cpu-ms", type=float, default=3.0)
    parser.add_argument("--batch", type=int, default=32, help="events per batch; prefetch is twice it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        load_before = os.getloadavg()[0]
        one, one_cpu = events_per_second(1, args.events, args.cpu_ms, args.batch, Path(folder))
        two, two_cpu = events_per_second(2, args.events, args.cpu_ms, args.batch, Path(folder))
        load_after = os.getloadavg()[0]
    ratio = two / one
    print(f"{args.events:,} events, {args.cpu_ms} ms CPU each, batches of {args.batch}; load average "
          f"{load_before:.1f} → {load_after:.1f} on {os.cpu_count()} cores")
    print(f"1 copy  : {one:7,.0f} events/s   CPU {_seconds(one_cpu)}")
    print(f"2 copies: {two:7,.0f} events/s   CPU {_seconds(two_cpu)}  ({ratio:.2f}× one; goal ≥ {GOAL}× — "
          f"{'met' if ratio >= GOAL else 'missed'})")
    report(f"2 copies of a CPU-bound consumer ({args.cpu_ms:g} ms/event, PostgreSQL)", two, "events/s",
           baseline="1 copy", baseline_value=one, goal=f"≥ {GOAL}×", met=ratio >= GOAL)



def _seconds(per_copy: list[float]) -> str:
    return " + ".join(f"{seconds:.1f} s" for seconds in per_copy)


if __name__ == "__main__":
    main()
