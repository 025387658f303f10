"""The gateway beside a trivial nameko `@http` + RPC pair, at 20 connections, in the same run.

  python tests/benchmarks/bench_gateway.py [--seconds S] [--connections C]

Starts the whole platform (SQLite, a private vhost of the local RabbitMQ) and, beside it, the
baseline of gateway_baseline.py. Reads: GET /api/v1/organisations/{id} (key lookup, rate limit,
validation, RPC to registry, its SQL read, JSON) against GET /read/{id} (one echo RPC).
Writes: POST /api/v1/organisations with a fresh Idempotency-Key (the idempotency record, RPC,
registry's insert and outbox row, and the events that then flow to three consumers) against
POST /write (one echo RPC). Figures are ratios to the baseline measured in the same run.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.benchmarks.load import run_load  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402
from tests.support.platform import eventually, running_platform  # noqa: E402
from tests.support.rabbitmq import free_port, private_vhost  # noqa: E402

GOAL_RATIO, GOAL_P99_MS = 0.8, 100.0


def start_baseline(amqp_uri: str, folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KYODO_AMQP_URI": amqp_uri,
           "KYODO_HTTP_ADDRESS": f"127.0.0.1:{port}"}
    log = (folder / "baseline.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "tests.benchmarks.gateway_baseline"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def answers():
        try:
            return requests.get(f"{url}/read/x", timeout=2).ok
        except requests.ConnectionError:
            return False
    eventually(answers, timeout=60)
    return process, url


def organisation_body(n: int) -> bytes:
    return json.dumps({"name": f"負荷試験の会{n}", "name_kana": "ふかしけんのかい", "kind": "citizen_group",
                       "region": "yu", "fields": ["welfare"]}, ensure_ascii=False).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()
    seconds, connections = args.seconds, args.connections
    with private_vhost() as amqp_uri, tempfile.TemporaryDirectory() as folder, \
            running_platform(Path(folder), amqp_uri) as platform:
        baseline, baseline_url = start_baseline(amqp_uri, Path(folder))
        try:
            created = platform.call("POST", "/organisations", body=json.loads(organisation_body(0)))
            assert created.status_code == 201, created.text
            organisation_id = created.json()["id"]
            auth = {"Authorization": f"Bearer {platform.operator_key}"}
            run_id = uuid.uuid4().hex

            def gateway_read(worker, n):
                return "GET", f"/organisations/{organisation_id}", None, auth

            def gateway_write(worker, n):
                return "POST", "/organisations", organisation_body(n), {
                    **auth, "Content-Type": "application/json",
                    "Idempotency-Key": f"{run_id}-{worker}-{n}"}

            def baseline_read(worker, n):
                return "GET", f"/read/{organisation_id}", None, {}

            def baseline_write(worker, n):
                return "POST", "/write", organisation_body(n), {"Content-Type": "application/json"}

            def measure(url, make):
                run_load(url, make, connections, min(2.0, seconds / 4))  # warm-up
                return run_load(url, make, connections, seconds)

            load_before = os.getloadavg()[0]
            figures = {
                "baseline read": measure(baseline_url, baseline_read),
                "gateway read": measure(platform.url, gateway_read),
                "baseline write": measure(baseline_url, baseline_write),
                "gateway write": measure(platform.url, gateway_write),
            }
            load_after = os.getloadavg()[0]
        finally:
            baseline.terminate()
            baseline.wait(timeout=30)
    print(f"{connections} connections, {seconds:.0f} s each; load average {load_before:.1f} → "
          f"{load_after:.1f} on {os.cpu_count()} cores")
    for name, result in figures.items():
        print(f"{name:15s}: {result.summary()}")
    for kind in ("read", "write"):
        gateway, baseline_result = figures[f"gateway {kind}"], figures[f"baseline {kind}"]
        ratio = gateway.rate / baseline_result.rate
        verdict = "meets" if ratio >= GOAL_RATIO and gateway.percentile(99) < GOAL_P99_MS else "misses"
        print(f"gateway {kind}s: {ratio:.2f}× baseline, p99 {gateway.percentile(99):.0f} ms "
              f"({verdict} the goal ≥ {GOAL_RATIO}×, p99 < {GOAL_P99_MS:.0f} ms)")
        report(f"gateway {kind}s at {connections} connections (p99 {gateway.percentile(99):.0f} ms)",
               gateway.rate, "req/s", baseline=f"nameko @http + RPC echo, {kind}",
               baseline_value=baseline_result.rate, goal=f"≥ {GOAL_RATIO}×, p99 < {GOAL_P99_MS:.0f} ms",
               met=verdict == "meets")


if __name__ == "__main__":
    main()
