"""`./kyodo <command>`: run the platform, run the tests, operate it.

  up [--demo] [--port-base N]   migrate, declare the broker topology, start every process
                                under a supervisor, print the gateway URL and an operator key
  test [pytest args]            the whole test suite (import contracts, unit, adapters on SQLite
                                and PostgreSQL, end to end and reliability over real RabbitMQ)
  bench                         the benchmarks in tests/benchmarks (prints figures)
  migrate                       migrate every database
  create-key ROLE LABEL [SUBJECT_ID]   issue an API key
"""
import argparse
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def _up(args) -> int:
    from deploy import platform
    from deploy.demo_data import load_demo
    from gateway.api_keys import create_key
    from services.common.database import database_url, make_engine

    try:
        platform.check_broker()
    except platform.BrokerUnreachable as exc:
        print(exc, file=sys.stderr)
        return 2
    platform.prepare()
    ports = platform.Ports(args.port_base)
    log_dir = platform.data_dir() / "logs"
    supervisor = platform.start(ports, log_dir)
    stopping = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopping.set())
    try:
        platform.wait_until_ready(ports)
        _, key = create_key(make_engine(database_url("gateway")), "operator", "kyodo up")
        gateway = f"http://127.0.0.1:{ports.of('gateway')}"
        if args.demo:
            print(load_demo(gateway, key))
        print(f"""
Kyodo is running / 協働プラットフォームが起動しました
  gateway:       {gateway}/api/v1   (docs: {gateway}/api/v1/docs)
  operator key:  {key}
  logs:          {log_dir}/
  try:           curl -H 'Authorization: Bearer {key}' {gateway}/api/v1/reports/summary
Ctrl-C stops everything / Ctrl-C で停止します""", flush=True)
        stopping.wait()
    finally:
        print("stopping…", file=sys.stderr)
        supervisor.stop()
    return 0


def _test(args) -> int:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    lint = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), ".importlinter"],
                          cwd=REPOSITORY, env=env)
    if lint.returncode != 0:
        print("import contracts broken (see above)", file=sys.stderr)
        return lint.returncode
    return subprocess.run([sys.executable, "-m", "pytest", *args.pytest_args],
                          cwd=REPOSITORY, env=env).returncode


def _bench(args) -> int:
    failures = 0
    for script in sorted((REPOSITORY / "tests" / "benchmarks").glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        failures += subprocess.run([sys.executable, str(script)], cwd=REPOSITORY).returncode != 0
    return 1 if failures else 0


def _migrate(args) -> int:
    from deploy import platform
    platform.prepare()
    return 0


def _create_key(args) -> int:
    from gateway.api_keys import create_key
    from services.common.database import database_url, make_engine
    key_id, key = create_key(make_engine(database_url("gateway")), args.role, args.label, args.subject_id)
    print(f"{key}  (id {key_id}, role {args.role})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kyodo", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start the platform")
    up.add_argument("--demo", action="store_true", help="load the Iwakuni demo data (Japanese)")
    up.add_argument("--port-base", type=int, default=8000, help="gateway port; services follow")
    up.set_defaults(run=_up)
    test = commands.add_parser("test", help="run the test suite")
    test.add_argument("pytest_args", nargs="*", help="passed to pytest (e.g. tests/e2e -x)")
    test.set_defaults(run=_test)
    commands.add_parser("bench", help="run the benchmarks").set_defaults(run=_bench)
    commands.add_parser("migrate", help="migrate every database").set_defaults(run=_migrate)
    key = commands.add_parser("create-key", help="issue an API key")
    key.add_argument("role")
    key.add_argument("label")
    key.add_argument("subject_id", nargs="?")
    key.set_defaults(run=_create_key)
    # Options meant for pytest (-x, -k …) are not ours: hand them over untouched.
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "test":
        parser.error(f"unrecognised arguments: {' '.join(unknown)}")
    if args.command == "test":
        args.pytest_args = [*args.pytest_args, *unknown]
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
