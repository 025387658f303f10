"""Where a gateway request's CPU goes: py-spy samples the gateway and registry under the load of
bench_gateway.py, and each function's share of the samples is turned into ms of CPU per request.

  python tests/benchmarks/profile_gateway.py [--seconds S] [--connections C] [--top N] [--only read|write]

py-spy (in the test extras) attaches to the running processes (root, or ptrace allowed); it
samples only busy threads, so a function's ms/request is its share of the busy samples times the
process's CPU per request measured from /proc in the same window. "incl." counts a function once
per sample wherever it is on the stack, "self" only when it is the innermost frame.
"""
import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_gateway import cpu_seconds, organisation_body  # noqa: E402
from tests.benchmarks.load import run_load  # noqa: E402
from tests.support.platform import running_platform  # noqa: E402
from tests.support.rabbitmq import private_vhost  # noqa: E402

SAMPLES_PER_SECOND = 250


def py_spy() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(found).exists():
        sys.exit("py-spy is not installed: pip install -e '.[test]'")
    return found


def record(pid: int, seconds: float, output: Path) -> subprocess.Popen:
    return subprocess.Popen([py_spy(), "record", "--pid", str(pid), "--duration", str(int(seconds)),
                             "--rate", str(SAMPLES_PER_SECOND), "--format", "raw", "--nonblocking",
                             "--output", str(output)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stacks(path: Path) -> list[tuple[list[str], int]]:
    """py-spy's collapsed stacks: 'outer;…;inner count' per line."""
    found = []
    for line in path.read_text().splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            found.append((frames.split(";"), int(count)))
    return found


def short(frame: str) -> str:
    """'function (path/to/module.py:123)' → 'function (module.py)': lines of one function merge."""
    name, _, where = frame.partition(" (")
    module = where.split(":")[0].rsplit("/", 1)[-1].rstrip(")")
    return f"{name} ({module})"


def summary(path: Path, cpu_ms_per_request: float, top: int) -> list[str]:
    sampled = stacks(path)
    total = sum(count for _, count in sampled) or 1
    inclusive, own = collections.Counter(), collections.Counter()
    for frames, count in sampled:
        names = [short(frame) for frame in frames]
        for name in set(names):
            inclusive[name] += count
        own[names[-1]] += count
    lines = [f"  {'incl. ms':>8} {'self ms':>8}  function"]
    for name, count in inclusive.most_common(top):
        lines.append(f"  {count / total * cpu_ms_per_request:8.2f} "
                     f"{own[name] / total * cpu_ms_per_request:8.2f}  {name}")
    lines.append("  top self:")
    for name, count in own.most_common(top // 2):
        lines.append(f"  {'':8} {count / total * cpu_ms_per_request:8.2f}  {name}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--only", choices=("read", "write"))
    parser.add_argument("--keep", type=Path, help="a folder to keep the raw stacks in")
    args = parser.parse_args()
    py_spy()
    with private_vhost() as amqp_uri, tempfile.TemporaryDirectory() as folder, \
            running_platform(Path(folder), amqp_uri) as platform:
        created = platform.call("POST", "/organisations", body={
            "name": "負荷試験の会", "name_kana": "ふかしけんのかい", "kind": "citizen_group",
            "region": "yu", "fields": ["welfare"]})
        assert created.status_code == 201, created.text
        organisation_id = created.json()["id"]
        auth = {"Authorization": f"Bearer {platform.operator_key}"}
        run_id = uuid.uuid4().hex
        loads = {
            "read": lambda worker, n: ("GET", f"/organisations/{organisation_id}", None, auth),
            "write": lambda worker, n: ("POST", "/organisations", organisation_body(n), {
                **auth, "Content-Type": "application/json", "Idempotency-Key": f"{run_id}-{worker}-{n}"}),
        }
        processes = {"gateway": platform.supervisor.pid("gateway"),
                     "registry": platform.supervisor.pid("registry")}
        out = args.keep or Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        for kind, make in loads.items():
            if args.only and kind != args.only:
                continue
            run_load(platform.url, make, args.connections, 2.0)  # warm-up
            files = {name: out / f"{kind}-{name}.txt" for name in processes}
            spies = [record(pid, args.seconds, files[name]) for name, pid in processes.items()]
            before = {name: cpu_seconds(pid) for name, pid in processes.items()}
            result = run_load(platform.url, make, args.connections, args.seconds)
            cpu = {name: (cpu_seconds(pid) - before[name]) / result.requests * 1e3
                   for name, pid in processes.items()}
            for spy in spies:
                spy.wait(timeout=60)
            print(f"\n== {kind}: {result.summary()}; load average {os.getloadavg()[0]:.1f}")
            for name in processes:
                print(f"-- {name}: {cpu[name]:.2f} ms CPU per request")
                print("\n".join(summary(files[name], cpu[name], args.top)))


if __name__ == "__main__":
    main()
