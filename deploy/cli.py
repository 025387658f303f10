"""`./kyodo <command>`: run the platform, run the tests, operate it.

  up [--demo] [--port-base N] [--scale matching=3,notifications=2]
                                migrate, declare the broker topology, start every process
                                (and copies of a service on PostgreSQL) under a supervisor,
                                print the gateway URL and an operator key
  test [pytest args]            the whole test suite (import contracts, unit, adapters on SQLite
                                and PostgreSQL, end to end and reliability over real RabbitMQ)
  bench [NAME …] [--no-write]   the benchmarks in tests/benchmarks; writes docs/performance.md
                                (figure, same-run baseline, ratio, goal, load, date, commands)
  migrate                       migrate every database
  soak [--minutes N]            the platform under mixed load with a random fault each minute;
                                prints checker figures, latency, memory, queue depths a minute
  replay-reports                rebuild reports' read models and KPI facts from its stored events
  create-key ROLE LABEL [SUBJECT_ID]   issue an API key
  list-keys [--all]             API keys without their secrets (--all: revoked ones too)
  revoke-key ID                 revoke an API key (running gateways within KYODO_KEY_CACHE_SECONDS)
  purge-idempotency             delete idempotency records older than 24 h (gateways also do it hourly)
  prune [SERVICE …]             delete sent outbox rows older than 7 days and inbox rows older than
                                30 days (KYODO_PRUNE_*; services also do it hourly); unsent never
  create-account EMAIL ROLE [SUBJECT_ID] [--totp]
                                a web console account (the first operator's, say); prints its
                                first password (and TOTP URI) once
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from xml.etree import ElementTree

REPOSITORY = Path(__file__).resolve().parent.parent


def _up(args) -> int:
    from deploy import platform
    from deploy.demo_data import load_demo
    from gateway.api_keys import create_key
    from services.common.database import database_url, make_engine

    try:
        scale = platform.parse_scale(args.scale)
        platform.check_broker()
    except (platform.BrokerUnreachable, platform.ScaleRefused) as exc:
        print(exc, file=sys.stderr)
        return 2
    platform.prepare()
    ports = platform.Ports(args.port_base)
    log_dir = platform.data_dir() / "logs"
    supervisor = platform.start(ports, log_dir, scale)
    stopping = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopping.set())
    try:
        platform.wait_until_ready(ports, scale=scale)
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


# Suites that run in processes of their own: eventlet, the platform fixtures and threaded test
# servers leave state in a process that can hang an unrelated suite run after them. The fault
# suite runs one module per process: an eventlet hub listener left behind by one scenario broke
# the next one's subprocess start ("second simultaneous read") under load.
# The first suites mostly wait (for processes, a browser, databases), so they run SIDE_BY_SIDE at
# a time, longest first; the reliability and fault suites kill processes and restart brokers on
# a clock, so they run alone after them, one at a time.
SHARED_TIME_SUITES = (("tests/e2e",), ("tests/console",), ("tests/adapters",),
                      ("services", "gateway", "tests/contracts", "tests/deploy"))
ALONE_SUITES = (("tests/reliability",),)
ONE_PROCESS_PER_MODULE = ("tests/faults",)
SIDE_BY_SIDE = 2


def _alone_suites() -> list[tuple[str, ...]]:
    modules = [(str(path.relative_to(REPOSITORY)),) for folder in ONE_PROCESS_PER_MODULE
               for path in sorted((REPOSITORY / folder).glob("test_*.py"))]
    return [*ALONE_SUITES, *modules]


def _test(args) -> int:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    lint = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), ".importlinter"],
                          cwd=REPOSITORY, env=env)
    if lint.returncode != 0:
        print("import contracts broken (see above)", file=sys.stderr)
        return lint.returncode
    if any(not arg.startswith("-") for arg in args.pytest_args):  # paths given: one run
        return subprocess.run([sys.executable, "-m", "pytest", *args.pytest_args],
                              cwd=REPOSITORY, env=env).returncode
    with tempfile.TemporaryDirectory() as reports:
        suites = [*SHARED_TIME_SUITES, *_alone_suites()]
        reports_of = {suite: Path(reports) / f"suite-{index}.xml" for index, suite in enumerate(suites)}

        def pytest(suite, **output) -> int:
            return subprocess.run([sys.executable, "-m", "pytest", *suite, *args.pytest_args,
                                   f"--junitxml={reports_of[suite]}"], cwd=REPOSITORY, env=env,
                                  **output).returncode

        def captured(suite) -> tuple[int, str, float]:
            """Run a suite beside others, keeping its output to show whole when it ends."""
            began = time.monotonic()
            with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as output:
                code = pytest(suite, stdout=output, stderr=subprocess.STDOUT)
                output.seek(0)
                return code, output.read(), time.monotonic() - began

        failed_suites = []
        with ThreadPoolExecutor(SIDE_BY_SIDE) as pool:
            running = {pool.submit(captured, suite): suite for suite in SHARED_TIME_SUITES}
            for done in as_completed(running):
                code, output, seconds = done.result()
                print(f"\n=== {' '.join(running[done])} === ({seconds:.0f} s, beside others)\n{output}",
                      end="", flush=True)
                if code != 0:
                    failed_suites.append(" ".join(running[done]))
        for suite in _alone_suites():
            print(f"\n=== {' '.join(suite)} ===", flush=True)
            began = time.monotonic()
            code = pytest(suite)
            print(f"({time.monotonic() - began:.0f} s)", flush=True)
            if code != 0:
                failed_suites.append(" ".join(suite))
        passed, failed, skipped = _totals(Path(reports).glob("suite-*.xml"))
    if failed_suites:
        print(f"failed suites: {'; '.join(failed_suites)}", file=sys.stderr)
    print(f"total: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed_suites or failed else 0


def _totals(reports) -> tuple[int, int, int]:
    """(passed, failed, skipped) over pytest's JUnit reports; errors count as failures."""
    passed = failed = skipped = 0
    for report in reports:
        for suite in ElementTree.parse(report).getroot().iter("testsuite"):
            tests, skip = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            passed += tests - skip - bad
            failed += bad
            skipped += skip
    return passed, failed, skipped


def _bench(args) -> int:
    """Run the benchmarks (all, or those named), then write docs/performance.md from them."""
    import datetime
    import platform as host

    from tests.benchmarks.results import parse
    scripts = sorted((REPOSITORY / "tests" / "benchmarks").glob("bench_*.py"))
    if args.names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.names or s.stem in args.names]
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    started = datetime.datetime.now(datetime.timezone.utc)
    failures, results, runs = 0, [], []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        load_before, began = os.getloadavg()[0], time.monotonic()
        process = subprocess.Popen([sys.executable, str(script)], cwd=REPOSITORY, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        shown = []
        for line in process.stdout:
            result = parse(line)
            if result is not None:
                results.append({**result, "script": script.name})
            else:
                print(line, end="", flush=True)
                shown.append(line)
        failed = process.wait() != 0
        failures += failed
        runs.append({"script": script.name, "seconds": time.monotonic() - began, "failed": failed,
                     "load": (load_before, os.getloadavg()[0]), "output": "".join(shown[-60:])})
    if args.write:
        (REPOSITORY / "docs" / "performance.md").write_text(
            _performance_page(started, host.node(), results, runs, args.names), encoding="utf-8")
        print("\nwrote docs/performance.md")
    return 1 if failures else 0


def _performance_page(started, node: str, results: list[dict], runs: list[dict], names) -> str:
    def number(value):
        return "" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")
    lines = [
        "# Performance — measured on one machine",
        "",
        f"Written by `./kyodo bench{' ' + ' '.join(names) if names else ''}` on "
        f"{started:%Y-%m-%d %H:%M} UTC on `{node}`, {os.cpu_count()} cores. Every ratio compares "
        "figures measured in the same run; the machine is shared, so the load average (1 minute) "
        "at each figure is given: compare ratios, not absolute numbers. Re-run: `./kyodo bench` "
        "(all) or `./kyodo bench gateway event_pipeline` (some); each script also runs alone: "
        "`python tests/benchmarks/bench_<name>.py --help`.",
        "",
        "| figure | value | baseline (same run) | baseline value | ratio | goal | met | load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        met = {True: "yes", False: "**no**", None: ""}[r["met"]]
        lines.append(f"| {r['figure']} | {number(r['value'])} {r['unit']} | {r['baseline']} | "
                     f"{number(r['baseline_value'])} | {number(r['ratio']) + '×' if r['ratio'] else ''} | "
                     f"{r['goal']} | {met} | {r['load']} |")
    lines += ["", "## Each benchmark's own output", ""]
    for run in runs:
        lines += [f"### `python tests/benchmarks/{run['script']}`",
                  "", f"{run['seconds']:.0f} s, load average {run['load'][0]:.1f} → {run['load'][1]:.1f}"
                  f"{' — FAILED' if run['failed'] else ''}", "", "```text", run["output"].rstrip(), "```", ""]
    return "\n".join(lines)


def _soak(args) -> int:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    return subprocess.run([sys.executable, "-m", "tests.faults.soak", "--minutes", str(args.minutes)],
                          cwd=REPOSITORY, env=env).returncode


def _replay_reports(args) -> int:
    from services.reports.entrypoints.replay import main as replay
    return replay()


def _migrate(args) -> int:
    from deploy import platform
    platform.prepare()
    return 0


def _create_key(args) -> int:
    from gateway.api_keys import create_key
    from services.common.database import database_url, make_engine
    from services.common.errors import Conflict
    try:
        key_id, key = create_key(make_engine(database_url("gateway")), args.role, args.label, args.subject_id)
    except Conflict as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{key}  (id {key_id}, role {args.role})")
    return 0


def _create_account(args) -> int:
    import secrets
    from datetime import datetime, timezone

    import pyotp

    from gateway.console.account_routes import ISSUER
    from gateway.console.accounts import create_account, new_totp_secret
    from services.common.database import database_url, make_engine
    from services.common.errors import Conflict, ValidationFailed
    password = secrets.token_urlsafe(18)
    totp_secret = new_totp_secret() if args.totp else None
    try:
        account_id = create_account(make_engine(database_url("gateway")), args.email, password,
                                    args.role, datetime.now(timezone.utc), subject_id=args.subject_id,
                                    totp_secret=totp_secret)
    except (Conflict, ValidationFailed) as exc:
        print(exc, exc.fields if isinstance(exc, ValidationFailed) else "", file=sys.stderr)
        return 1
    print(f"account {account_id} ({args.role}); first password (shown once): {password}")
    if totp_secret:
        print("TOTP (add to an authenticator app): "
              + pyotp.TOTP(totp_secret).provisioning_uri(name=args.email, issuer_name=ISSUER))
    return 0


def _list_keys(args) -> int:
    from gateway.api_keys import list_keys
    from services.common.database import database_url, make_engine
    for key in list_keys(make_engine(database_url("gateway")), include_revoked=args.all):
        moments = "  ".join(f"{name}={key[name]:%Y-%m-%dT%H:%MZ}" for name in
                            ("created_at", "expires_at", "last_used_at", "revoked_at") if key[name])
        print(f"{key['id']}  {key['role']:<12} {key['subject_id'] or '-':<36}  {key['label']}  {moments}")
    return 0


def _revoke_key(args) -> int:
    from gateway.api_keys import revoke_key
    from services.common.database import database_url, make_engine
    if not revoke_key(make_engine(database_url("gateway")), args.key_id):
        print(f"no API key {args.key_id}", file=sys.stderr)
        return 1
    print(f"revoked {args.key_id}; running gateways refuse it within KYODO_KEY_CACHE_SECONDS")
    return 0


def _purge_idempotency(args) -> int:
    from gateway.idempotency import IdempotencyStore
    from services.common.database import database_url, make_engine
    print(f"purged {IdempotencyStore(make_engine(database_url('gateway'))).purge()} idempotency records")
    return 0


def _prune(args) -> int:
    from sqlalchemy import MetaData

    from deploy.components import SERVICE_NAMES
    from services.common.database import database_url, make_engine, make_session_factory
    from services.common.message_pruning import PruningSettings, prune_messages
    from services.common.messaging_tables import messaging_tables
    unknown = [name for name in args.services if name not in SERVICE_NAMES]
    if unknown:
        print(f"unknown service(s): {', '.join(unknown)}; choose from {', '.join(SERVICE_NAMES)}",
              file=sys.stderr)
        return 2
    try:
        settings = PruningSettings.from_environment()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    tables = messaging_tables(MetaData())  # the same in every service's database
    for service in args.services or SERVICE_NAMES:
        engine = make_engine(database_url(service))
        pruned = prune_messages(make_session_factory(engine), tables, settings)
        engine.dispose()
        print(f"{service}: pruned {pruned.outbox} sent outbox rows (> {settings.sent_outbox_days} days) "
              f"and {pruned.inbox} inbox rows (> {settings.inbox_days} days)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kyodo", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start the platform")
    up.add_argument("--demo", action="store_true", help="load the Iwakuni demo data (Japanese)")
    up.add_argument("--port-base", type=int, default=8000, help="gateway port; services follow")
    up.add_argument("--scale", metavar="SERVICE=N,…",
                    help="run N copies of a service as competing consumers (PostgreSQL only)")
    up.set_defaults(run=_up)
    test = commands.add_parser("test", help="run the test suite")
    test.add_argument("pytest_args", nargs="*", help="passed to pytest (e.g. tests/e2e -x)")
    test.set_defaults(run=_test)
    bench = commands.add_parser("bench", help="run the benchmarks, write docs/performance.md")
    bench.add_argument("names", nargs="*", help="only these (e.g. gateway event_pipeline)")
    bench.add_argument("--no-write", dest="write", action="store_false",
                       help="print only; leave docs/performance.md as it is")
    bench.set_defaults(run=_bench)
    commands.add_parser("migrate", help="migrate every database").set_defaults(run=_migrate)
    soak = commands.add_parser("soak", help="mixed load with a fault a minute; prints figures")
    soak.add_argument("--minutes", type=int, default=30)
    soak.set_defaults(run=_soak)
    commands.add_parser("replay-reports", help="rebuild reports' read models from its stored "
                        "events").set_defaults(run=_replay_reports)
    key = commands.add_parser("create-key", help="issue an API key")
    key.add_argument("role")
    key.add_argument("label")
    key.add_argument("subject_id", nargs="?")
    key.set_defaults(run=_create_key)
    listing = commands.add_parser("list-keys", help="API keys without their secrets")
    listing.add_argument("--all", action="store_true", help="revoked keys too")
    listing.set_defaults(run=_list_keys)
    revoke = commands.add_parser("revoke-key", help="revoke an API key")
    revoke.add_argument("key_id")
    revoke.set_defaults(run=_revoke_key)
    commands.add_parser("purge-idempotency", help="delete idempotency records older than 24 h"
                        ).set_defaults(run=_purge_idempotency)
    prune = commands.add_parser("prune", help="delete sent outbox rows older than 7 days and inbox "
                                "rows older than 30 days")
    prune.add_argument("services", nargs="*", metavar="SERVICE", help="only these (default: all)")
    prune.set_defaults(run=_prune)
    account = commands.add_parser("create-account", help="create a web console account")
    account.add_argument("email")
    account.add_argument("role", choices=("operator", "organisation", "partner", "citizen"))
    account.add_argument("subject_id", nargs="?")
    account.add_argument("--totp", action="store_true", help="a TOTP second factor (operators)")
    account.set_defaults(run=_create_account)
    # Options meant for pytest (-x, -k …) are not ours: hand them over untouched.
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "test":
        parser.error(f"unrecognised arguments: {' '.join(unknown)}")
    if args.command == "test":
        args.pytest_args = [*args.pytest_args, *unknown]
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
