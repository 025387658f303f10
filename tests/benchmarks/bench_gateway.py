"""The gateway beside a trivial nameko `@http` + RPC pair, at 20 connections, in the same run.

  python tests/benchmarks/bench_gateway.py [--seconds S] [--connections C] [--rounds R]

Starts the whole platform (SQLite, a private vhost of the local RabbitMQ) and, beside it, the
baseline of gateway_baseline.py. Reads: GET /api/v1/organisations/{id} (key lookup, rate limit,
validation, RPC to registry, its SQL read, JSON) against GET /read/{id} (one echo RPC).
Writes: POST /api/v1/organisations with a fresh Idempotency-Key (the idempotency record, RPC,
registry's insert and outbox row, and the events that then flow to three consumers) against
POST /write (one echo RPC). Figures are ratios to the baseline measured in the same run.
The signed caller identity is priced alone: GET /read-signed/{id} (the baseline's read with the
actor signed and verified) against GET /read/{id}.
On a shared machine one window can be slow for everything in it, so each pair is measured in R
rounds, one after the other, and the round with the median ratio is the figure (every round's
figures are printed).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.benchmarks.load import run_load  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402
from deploy.platform import actor_signing_keys  # noqa: E402
from tests.support.platform import eventually, running_platform  # noqa: E402
from tests.support.rabbitmq import free_port, private_vhost  # noqa: E402

GOAL_RATIO, GOAL_P99_MS = 0.8, 100.0
SIGNING_GOAL = 0.10  # signing and verifying the actor adds at most 10 % CPU to a read


def start_baseline(amqp_uri: str, folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KYODO_AMQP_URI": amqp_uri,
           "KYODO_HTTP_ADDRESS": f"127.0.0.1:{port}", "KYODO_ACTOR_SIGNING_KEY": actor_signing_keys()}
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc): unlike a rate, not skewed by other
    work on a shared machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def organisation_body(n: int) -> bytes:
    return json.dumps({"name": f"負荷試験の会{n}", "name_kana": "ふかしけんのかい", "kind": "citizen_group",
                       "region": "yu", "fields": ["welfare"]}, ensure_ascii=False).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
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

            def gateway_read(worker, n):
                return "GET", f"/organisations/{organisation_id}", None, auth

            def gateway_write(worker, n):
                return "POST", "/organisations", organisation_body(n), {
                    **auth, "Content-Type": "application/json",
                    "Idempotency-Key": str(uuid.uuid4())}  # fresh in every round: no replays

            def baseline_read(worker, n):
                return "GET", f"/read/{organisation_id}", None, {}

            def baseline_signed_read(worker, n):
                return "GET", f"/read-signed/{organisation_id}", None, {}

            def baseline_write(worker, n):
                return "POST", "/write", organisation_body(n), {"Content-Type": "application/json"}

            # CPU per request of each process, to say where a request's cost goes.
            processes = {"baseline": baseline.pid, "gateway": platform.supervisor.pid("gateway"),
                         "registry": platform.supervisor.pid("registry")}

            def measure(url, make):
                run_load(url, make, connections, min(2.0, seconds / 4))  # warm-up
                before = {process: cpu_seconds(pid) for process, pid in processes.items()}
                result = run_load(url, make, connections, seconds)
                return result, {process: (cpu_seconds(pid) - before[process]) / result.requests
                                for process, pid in processes.items()}

            load_before = os.getloadavg()[0]
            rounds = [{name: measure(url, make) for name, url, make in (
                ("baseline read", baseline_url, baseline_read),
                ("signed read", baseline_url, baseline_signed_read),
                ("gateway read", platform.url, gateway_read),
                ("baseline write", baseline_url, baseline_write),
                ("gateway write", platform.url, gateway_write))} for _ in range(args.rounds)]
            load_after = os.getloadavg()[0]
        finally:
            baseline.terminate()
            baseline.wait(timeout=30)
    print(f"{connections} connections, {seconds:.0f} s each, {args.rounds} rounds; load average "
          f"{load_before:.1f} → {load_after:.1f} on {os.cpu_count()} cores")
    for number, figures in enumerate(rounds, 1):
        for name, (result, cpu_per_request) in figures.items():
            cpu = "  ".join(f"{process} {seconds_each * 1e3:5.2f}" for process, seconds_each
                            in cpu_per_request.items() if seconds_each > 0)
            print(f"round {number} {name:15s}: {result.summary()}  CPU ms/request: {cpu}")

    def median_round(ratio_of):
        return sorted(rounds, key=ratio_of)[len(rounds) // 2]

    figures = median_round(lambda f: f["signed read"][1]["baseline"] / f["baseline read"][1]["baseline"])
    (signed, signed_cpu), (plain, plain_cpu) = ((figures[name][0], figures[name][1]["baseline"])
                                                for name in ("signed read", "baseline read"))
    signing_cost = signed_cpu / plain_cpu - 1
    print(f"signed identity: {signing_cost * 100:.1f} % more CPU per read "
          f"({plain_cpu * 1e3:.2f} → {signed_cpu * 1e3:.2f} ms); rate "
          f"{signed.rate / plain.rate:.2f}× the plain read; goal ≤ {SIGNING_GOAL * 100:.0f} %")
    report(f"CPU per read with the actor signed and verified, {connections} connections",
           signed_cpu * 1e3, "ms", baseline="nameko @http + RPC echo, read",
           baseline_value=plain_cpu * 1e3, goal=f"≤ +{SIGNING_GOAL * 100:.0f} %",
           met=signing_cost <= SIGNING_GOAL)
    for kind in ("read", "write"):
        figures = median_round(lambda f: f[f"gateway {kind}"][0].rate / f[f"baseline {kind}"][0].rate)
        gateway, baseline_result = figures[f"gateway {kind}"][0], figures[f"baseline {kind}"][0]
        ratio = gateway.rate / baseline_result.rate
        verdict = "meets" if ratio >= GOAL_RATIO and gateway.percentile(99) < GOAL_P99_MS else "misses"
        print(f"gateway {kind}s (median of {args.rounds} rounds): {ratio:.2f}× baseline, p99 "
              f"{gateway.percentile(99):.0f} ms ({verdict} the goal ≥ {GOAL_RATIO}×, p99 < {GOAL_P99_MS:.0f} ms)")
        report(f"gateway {kind}s at {connections} connections (p99 {gateway.percentile(99):.0f} ms)",
               gateway.rate, "req/s", baseline=f"nameko @http + RPC echo, {kind}",
               baseline_value=baseline_result.rate, goal=f"≥ {GOAL_RATIO}×, p99 < {GOAL_P99_MS:.0f} ms",
               met=verdict == "meets")


if __name__ == "__main__":
    main()
