"""Durable SQLite commits under eventlet: what they cost the rest of the process.

  python tests/benchmarks/bench_commits.py [--writers W] [--commits N]

W green threads each commit N units of work (a row and an outbox row, `synchronous=FULL`, WAL)
into one SQLite file, as a service's RPC workers do, while a ticker green thread asks for a
5 ms sleep and records how late the hub wakes it: the time the whole process stood still.
Three ways, back to back in one run:
  1. on the hub: the commit (and its fsync) runs on the hub's thread (before issue 12);
  2. off the hub: each commit in an OS thread behind a green per-file write lock
     (services/common/nameko_sqlite_commits.py, what the services use);
  3. group commit: one writer runs every queued unit in a savepoint of one transaction and
     commits them with one fsync, each unit waiting for its own outcome (a prototype, here
     only, to price the idea).
"""
import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eventlet import tpool  # noqa: E402
from eventlet.event import Event  # noqa: E402
from eventlet.queue import LightQueue  # noqa: E402
from sqlalchemy import Column, Integer, MetaData, String, Table, insert  # noqa: E402

from services.common.database import make_engine  # noqa: E402
from services.common.nameko_sqlite_commits import commit_off_the_hub  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402

METADATA = MetaData()
FACTS = Table("facts", METADATA, Column("id", String, primary_key=True), Column("body", String))
OUTBOX = Table("outbox", METADATA, Column("seq", Integer, primary_key=True),
               Column("message_id", String), Column("envelope", String))
BODY = "協働" * 200
TICK = 0.005  # seconds; rare enough that the ticker costs little CPU


def unit_statements():
    fact_id = str(uuid.uuid4())
    return [insert(FACTS).values(id=fact_id, body=BODY),
            insert(OUTBOX).values(message_id=fact_id, envelope=BODY)]


class HubTicker:
    """How late a 5 ms sleep wakes: the hub stood still for that long."""

    def __init__(self):
        self.lateness: list[float] = []
        self._running = True
        self._thread = eventlet.spawn(self._tick)

    def _tick(self):
        while self._running:
            started = time.perf_counter()
            eventlet.sleep(TICK)
            self.lateness.append((time.perf_counter() - started - TICK) * 1000)

    def stop(self) -> tuple[float, float]:
        self._running = False
        self._thread.wait()
        ordered = sorted(self.lateness)
        return ordered[int(len(ordered) * 0.99)], ordered[-1]


def each_commit(engine):
    def unit():
        with engine.begin() as connection:
            for statement in unit_statements():
                connection.execute(statement)
    return unit


class GroupCommitter:
    """One writer connection; units queue, run in savepoints of one transaction, one commit."""

    def __init__(self, engine):
        self._queue = LightQueue()
        self._connection = engine.raw_connection().dbapi_connection
        self._connection.isolation_level = None  # explicit BEGIN/SAVEPOINT/COMMIT
        self.groups = 0
        self._writer = eventlet.spawn(self._write)

    def unit(self):
        done = Event()
        self._queue.put((unit_statements(), done))
        done.wait()

    def _write(self):
        while True:
            batch = [self._queue.get()]
            while not self._queue.empty():
                batch.append(self._queue.get())
            if batch[0] is None:
                return
            cursor = self._connection.cursor()
            cursor.execute("BEGIN")
            for statements, _done in batch:
                cursor.execute("SAVEPOINT unit")
                for statement in statements:
                    compiled = statement.compile()
                    cursor.execute(str(compiled), compiled.params)
                cursor.execute("RELEASE unit")
            tpool.execute(cursor.execute, "COMMIT")
            self.groups += 1
            for _statements, done in batch:
                done.send()

    def close(self):
        self._queue.put(None)
        self._writer.wait()


def run(unit, writers: int, commits: int) -> dict:
    ticker = HubTicker()
    latencies: list[float] = []

    def writer():
        for _ in range(commits):
            started = time.perf_counter()
            unit()
            latencies.append((time.perf_counter() - started) * 1000)
            eventlet.sleep(0)  # back to the hub, as a worker does when it answers
    started, cpu_started = time.perf_counter(), time.process_time()
    pool = eventlet.GreenPool(writers)
    for _ in range(writers):
        pool.spawn(writer)
    pool.waitall()
    elapsed = time.perf_counter() - started
    cpu_ms = (time.process_time() - cpu_started) / len(latencies) * 1000
    stall_p99, stall_max = ticker.stop()
    ordered = sorted(latencies)
    return {"rate": len(latencies) / elapsed, "p50": statistics.median(ordered),
            "p99": ordered[int(len(ordered) * 0.99)], "stall_p99": stall_p99, "stall_max": stall_max, "cpu": cpu_ms}


def fresh_engine(folder: Path, name: str):
    engine = make_engine(f"sqlite:///{folder / name}.sqlite3")
    METADATA.create_all(engine)
    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--commits", type=int, default=50)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    figures = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("KYODO_BENCH_DIR")) as folder:
        folder = Path(folder)
        figures["on the hub"] = run(each_commit(fresh_engine(folder, "hub")), args.writers, args.commits)
        engine = fresh_engine(folder, "threaded")
        commit_off_the_hub(engine)
        figures["off the hub"] = run(each_commit(engine), args.writers, args.commits)
        group = GroupCommitter(fresh_engine(folder, "group"))
        figures["group commit"] = run(group.unit, args.writers, args.commits)
        group.close()
        figures["group commit"]["per_fsync"] = args.writers * args.commits / group.groups
    print(f"{args.writers} writers × {args.commits} commits, SQLite WAL synchronous=FULL; "
          f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, f in figures.items():
        shared = f" ({f['per_fsync']:.1f} units per fsync)" if "per_fsync" in f else ""
        print(f"{name:13s}: {f['rate']:7,.0f} commits/s  latency p50 {f['p50']:6.1f} ms p99 "
              f"{f['p99']:6.1f} ms  CPU {f['cpu']:.2f} ms/commit  hub stalled p99 {f['stall_p99']:6.1f} ms max {f['stall_max']:6.1f} ms{shared}")
    hub, off = figures["on the hub"], figures["off the hub"]
    report(f"durable SQLite commits, {args.writers} green writers, commits off the hub",
           off["rate"], "commits/s", baseline="commits on the hub", baseline_value=hub["rate"])
    report("CPU per durable SQLite commit, off the hub", off["cpu"], "ms",
           baseline="commits on the hub", baseline_value=hub["cpu"])
    report("longest hub stall while commits are durable, off the hub", off["stall_max"], "ms",
           baseline="commits on the hub", baseline_value=hub["stall_max"])


if __name__ == "__main__":
    main()
