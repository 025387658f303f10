"""The soak: `python -m tests.faults.soak --minutes N` (not part of the test command).

The whole platform on a private RabbitMQ node, mixed load through the gateway (register
organisations, list them, read the summary), and one random fault a minute: a consumer
SIGKILLed, every broker connection closed, the broker restarted, a service SIGSTOPped for 8 s.
Each minute it prints the checker's figures, p50/p99 latency, every process's memory and the
queue depths. It passes (exit 0) when lost = duplicated = unexpected = 0, memory grew < 10 %
after the warm-up (processes never restarted), and the event queues were empty again within
60 s of each fault.
"""
import argparse
import os
import random
import signal
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

from gateway.api_keys import create_key
from gateway.dispatch import REQUEST_ID_NAMESPACE
from services.common.database import database_url, make_engine
from tests.support import checker
from tests.support.broker_faults import close_all_connections, queue_depths
from tests.support.history import OK, REFUSED, UNKNOWN, History, latency_figures, percentile
from tests.support.platform import running_platform
from tests.support.rabbitmq import PrivateBroker

REGIONS = ("iwakuni", "yu", "kuga", "hongo", "shuto", "nishiki", "mikawa", "miwa")
CONSUMERS = ("reports", "matching", "notifications")
PROCESSES = ("registry", "matching", "notifications", "reports", "gateway")


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Workload:
    """Writers register organisations (the history's commands); readers list and summarise."""

    def __init__(self, url: str, key: str, key_id: str, history: History):
        self.url, self.key, self.key_id, self.history = url, key, key_id, history
        self.stopping = threading.Event()
        self.reads = History()

    def register(self, session: requests.Session) -> None:
        idempotency_key = str(uuid.uuid4())
        organisation_id = str(uuid.uuid5(REQUEST_ID_NAMESPACE, f"{self.key_id}:{idempotency_key}"))
        body = {"name": f"ソーク試験団体{organisation_id[:8]}", "name_kana": "そーくしけんだんたい",
                "kind": "citizen_group", "region": random.choice(REGIONS), "fields": ["welfare"]}
        self.history.begin(organisation_id)
        started = time.monotonic()
        try:
            response = session.post(f"{self.url}/organisations", json=body, timeout=15, headers={
                "Authorization": f"Bearer {self.key}", "Idempotency-Key": idempotency_key})
            status = response.status_code
        except requests.RequestException as exc:
            self.history.record(organisation_id, "register", UNKNOWN, started, repr(exc))
            return
        outcome = OK if status == 201 else REFUSED if 400 <= status < 500 and status != 429 else UNKNOWN
        self.history.record(organisation_id, "register", outcome, started, str(status))

    def read(self, session: requests.Session) -> None:
        path = random.choice(("/organisations?limit=20", "/reports/summary"))
        started = time.monotonic()
        try:
            status = session.get(self.url + path, timeout=15,
                                 headers={"Authorization": f"Bearer {self.key}"}).status_code
        except requests.RequestException:
            status = 0
        self.reads.record(str(uuid.uuid4()), "read", OK if status == 200 else UNKNOWN, started, str(status))

    def run(self, writer: bool) -> None:
        session = requests.Session()
        while not self.stopping.is_set():
            (self.register if writer else self.read)(session)
            time.sleep(0.05 if writer else 0.1)


def check(data_dir: Path, history: History, amqp_uri: str, node: str | None = None) -> checker.Report:
    registry = f"sqlite:///{data_dir / 'registry.sqlite3'}"
    report = checker.Report()
    report.views.append(checker.compare("registry organisations", history, checker.sql_counter(
        registry, "SELECT id, count(*) FROM organisations WHERE name LIKE 'ソーク試験団体%' GROUP BY id")))
    for service, table in (("reports", "organisation_facts"), ("matching", "known_organisations")):
        url = f"sqlite:///{data_dir / (service + '.sqlite3')}"
        report.views.append(checker.compare(f"{service} {table}", history, checker.sql_counter(
            url, f"SELECT organisation_id, count(*) FROM {table} GROUP BY organisation_id")))
    for service in PROCESSES[:-1]:
        url = f"sqlite:///{data_dir / (service + '.sqlite3')}"
        report.outbox_unsent[service] = checker.outbox_unsent(url)
        report.dead_letters[service] = checker.dead_letters(url)
    report.queues = {q: d for q, d in queue_depths(amqp_uri, node).items()
                     if q.endswith(".events") or ".retry." in q}
    return report


def settled_lost(report: checker.Report, history: History, since: float) -> int:
    """Lost, leaving out commands acknowledged in the last 60 s (their events may be in flight)."""
    recent = {o.key for o in history.since(since).operations}
    return sum(len([k for k in v.lost if k not in recent]) for v in report.views)


def fault(kind: str, platform, broker: PrivateBroker) -> str:
    if kind == "kill":
        victim = random.choice(CONSUMERS)
        platform.supervisor.kill(victim)
        return f"SIGKILL {victim}"
    if kind == "close":
        return f"closed {close_all_connections(broker.uri, broker.node)} connections"
    if kind == "restart":
        started = time.monotonic()
        broker.restart()
        return f"broker restarted ({time.monotonic() - started:.0f} s down)"
    victim = random.choice(CONSUMERS)
    pid = platform.supervisor.pid(victim)
    os.kill(pid, signal.SIGSTOP)
    time.sleep(8)
    os.kill(pid, signal.SIGCONT)
    return f"SIGSTOP {victim} 8 s"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults.soak")
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    # A SIGTERM (Ctrl-C's sibling) still stops the platform and removes the private node.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    random.seed(args.seed)
    data_dir = Path(tempfile.mkdtemp(prefix="kyodo-soak-"))
    broker = PrivateBroker()
    broker.start()
    history = History()
    failures: list[str] = []
    try:
        with running_platform(data_dir, broker.uri) as platform:
            key_id, key = create_key(make_engine(database_url("gateway")), "operator", "soak")
            workload = Workload(platform.url, key, key_id, history)
            threads = [threading.Thread(target=workload.run, args=(i < args.writers,), daemon=True)
                       for i in range(args.writers + 1)]
            for thread in threads:
                thread.start()
            print(f"soak: {args.minutes:g} min, data in {data_dir}, broker {broker.node}", flush=True)
            print("min | fault | commands ok/refused/unknown | lost dup unexp (settled) | write p50/p99 | "
                  "read p50/p99 | queued | RSS MB " + " ".join(PROCESSES), flush=True)
            started = time.monotonic()
            warm_rss: dict[str, int] = {}
            restarts_at_warm: dict[str, int] = {}
            minute = 0
            kinds = ["kill", "close", "restart", "stop"]
            while time.monotonic() - started < args.minutes * 60:
                minute += 1
                minute_started = time.monotonic()
                kind = kinds[(minute - 1) % len(kinds)] if minute > 1 else None
                description = fault(kind, platform, broker) if kind else "warm-up"
                fault_at = time.monotonic()
                drained_after = None
                while time.monotonic() - minute_started < 60:
                    if drained_after is None and kind:
                        depths = {q: d for q, d in queue_depths(broker.uri, broker.node).items()
                                  if q.endswith(".events")}
                        if depths and all(d == (0, 0) for d in depths.values()):
                            drained_after = time.monotonic() - fault_at
                    time.sleep(1.0)
                report = check(data_dir, history, broker.uri, broker.node)
                minute_history = history.since(minute_started)
                lost_settled = settled_lost(report, history, time.monotonic() - 60)
                rss = {name: rss_kb(platform.supervisor.pid(name)) // 1024 for name in PROCESSES}
                if minute == 1:
                    warm_rss = dict(rss)
                    restarts_at_warm = {n: platform.supervisor.restarts(n) for n in PROCESSES}
                writes = minute_history.latencies(kind="register")
                reads = workload.reads.since(minute_started).latencies()
                print(f"{minute:3d} | {description} (queues empty after "
                      f"{'%.0f s' % drained_after if drained_after is not None else '-'}) | "
                      f"{minute_history.counts()} | {lost_settled} {report.duplicated} {report.unexpected} | "
                      f"{percentile(writes, .5) * 1000:.0f}/{percentile(writes, .99) * 1000:.0f} ms | "
                      f"{percentile(reads, .5) * 1000:.0f}/{percentile(reads, .99) * 1000:.0f} ms | "
                      f"{report.queued} | " + " ".join(str(rss[n]) for n in PROCESSES), flush=True)
                if kind and drained_after is None:
                    failures.append(f"minute {minute}: queues not empty within 60 s of '{description}'")
            workload.stopping.set()
            for thread in threads:
                thread.join(30)
            deadline = time.monotonic() + 120
            while True:
                report = check(data_dir, history, broker.uri, broker.node)
                if (report.lost == 0 and report.drained) or time.monotonic() > deadline:
                    break
                time.sleep(2)
            print(f"\nfinal figures after {minute} minutes:\n{report.figures()}\n"
                  f"  history: {history.counts()}; writes {latency_figures(history.latencies(kind='register'))}")
            if report.lost or report.duplicated or report.unexpected:
                failures.append(f"lost {report.lost}, duplicated {report.duplicated}, unexpected {report.unexpected}")
            if not report.drained:
                failures.append("not drained at the end")
            for name in PROCESSES:
                if platform.supervisor.restarts(name) == restarts_at_warm.get(name) and warm_rss.get(name):
                    growth = rss[name] / warm_rss[name] - 1
                    print(f"  memory {name}: {warm_rss[name]} → {rss[name]} MB ({growth:+.0%})")
                    if growth >= 0.10 and minute > 2:
                        failures.append(f"{name} memory grew {growth:.0%}")
                else:
                    print(f"  memory {name}: restarted during the soak, growth not comparable")
    finally:
        broker.destroy()
    print("PASS" if not failures else "FAIL:\n  " + "\n  ".join(failures), flush=True)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
