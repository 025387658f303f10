"""Japanese search and candidate ranking measured through the gateway (the issue's bullet 3).

  python tests/benchmarks/bench_search_and_candidates.py [--organisations N] [--talents N] [--seconds S]
                                                         [--skip-postgres]

1. Demo scale: the platform with Iwakuni's demo data loaded through the API (≈ 74 organisations,
   19 needs, their talents); every query of the 64-query table (services/registry/tests/
   search_queries.py) as GET /organisations?q=… at 20 connections for S seconds, then the
   candidates of every demo need (GET /needs/{id}/candidates): requests/s, p50/p95, and the CPU
   the serving process (registry, matching) spent per request (from /proc).
2. City scale, search: N organisations (default 100,000, as bench_registry.py makes them) stored
   in bulk in the running registry's database (SQLite, then PostgreSQL), then each query 5
   times, one at a time, through the gateway: p50/p95, overall and per class of query (one
   term or several, fewer or more than 5,000 hits).
3. City scale, candidates: N talents (default 100,000) stored in the running matching's database,
   their events left to be relayed and consumed, then a need's candidates 20 times through the
   gateway: p50/p95 (the first request builds the talent pool and is reported apart).
Goals (issue 12): search CPU ≤ 2 ms per request at demo scale; search p95 < 50 ms over 100,000
organisations on SQLite and PostgreSQL; candidates p95 < 50 ms over 100,000 talents.
"""
import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.benchmarks.load import run_load  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402
from tests.support.platform import running_platform  # noqa: E402
from tests.support.rabbitmq import private_vhost  # noqa: E402
from tests.support.throwaway_postgres import throwaway_database  # noqa: E402



def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def queries() -> list[str]:
    from services.registry.tests.search_queries import SEARCH_QUERIES
    return [row["query"] for row in SEARCH_QUERIES]


def timed_get(session, url: str, auth: dict) -> float:
    started = time.perf_counter()
    response = session.get(url, headers=auth, timeout=60)
    assert response.status_code == 200, response.text[:300]
    return (time.perf_counter() - started) * 1000


def demo_scale(platform, seconds: float) -> None:
    from deploy.demo_data import load_demo
    load_demo(platform.url.removesuffix("/api/v1"), platform.operator_key)
    auth = {"Authorization": f"Bearer {platform.operator_key}"}
    needs = requests.get(f"{platform.url}/needs?limit=100", headers=auth, timeout=30).json()["items"]
    paths = {"search": [f"/organisations?q={quote(q)}" for q in queries()],
             "candidates": [f"/needs/{need['id']}/candidates" for need in needs]}
    for kind, process in (("search", "registry"), ("candidates", "matching")):
        targets = paths[kind]
        run_load(platform.url, lambda w, n: ("GET", targets[(w + n) % len(targets)], None, auth), 20, 2)
        pid, gateway_pid = platform.supervisor.pid(process), platform.supervisor.pid("gateway")
        before, gateway_before = cpu_seconds(pid), cpu_seconds(gateway_pid)
        result = run_load(platform.url, lambda w, n: ("GET", targets[(w * 7 + n) % len(targets)], None, auth),
                          20, seconds)
        per_request = (cpu_seconds(pid) - before) / result.requests * 1000
        gateway_per_request = (cpu_seconds(gateway_pid) - gateway_before) / result.requests * 1000
        print(f"demo scale, {kind} ({len(targets)} distinct requests), 20 connections: {result.summary()}; "
              f"CPU per request: {process} {per_request:.1f} ms, gateway {gateway_per_request:.1f} ms")
        report(f"{kind} at demo scale: {process} CPU per request", per_request, "ms",
               goal="≤ 2 ms" if kind == "search" else "", met=per_request <= 2 if kind == "search" else None)
        report(f"{kind} at demo scale, 20 connections (p50 {statistics.median(result.latencies_ms):.0f} ms)",
               result.rate, "req/s")


def bulk_load(url: str, count: int) -> float:
    """`count` organisations as bench_registry makes them, stored with the repository's own rows
    (organisation_repositories.stored_rows) but in bulk: COPY on PostgreSQL, one transaction
    per 5,000 on SQLite, foreign keys not checked (every row's parent is in its batch, inserted
    first). Row by row through the ORM's executemany this took 390 s for 100,000 on PostgreSQL."""
    from itertools import islice

    from sqlalchemy import create_engine, text

    from services.common.migrations import upgrade
    from services.registry.adapters.organisation_repositories import stored_rows
    from tests.benchmarks.bench_registry import synthetic
    upgrade("registry", url)
    started, organisations = time.perf_counter(), synthetic(count)
    engine = create_engine(url)
    postgres = engine.dialect.name == "postgresql"
    with engine.connect() as connection:
        connection.execute(text("SET session_replication_role = replica" if postgres
                                else "PRAGMA synchronous = OFF"))
        while batch := list(islice(organisations, 5000)):
            for table, rows in stored_rows(batch):
                if postgres:
                    copy_rows(connection, table, rows)
                elif rows:
                    connection.execute(table.insert(), rows)
            connection.commit()
    with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as connection:
        # What autovacuum would do after a bulk load; on SQLite, fold the write-ahead log back.
        connection.execute(text("VACUUM ANALYZE" if postgres else "PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    return time.perf_counter() - started


def copy_rows(connection, table, rows: list[dict]) -> None:
    """COPY … FROM STDIN in PostgreSQL's text format."""
    import io
    import json
    columns = [column.name for column in table.columns]

    def text_of(value) -> str:
        if value is None:
            return r"\N"
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, datetime):
            value = value.isoformat()
        return (str(value).replace("\\", "\\\\").replace("\t", "\\t")
                .replace("\n", "\\n").replace("\r", "\\r"))

    import psycopg2.extensions
    data = io.StringIO("".join("\t".join(text_of(row.get(c)) for c in columns) + "\n" for row in rows))
    # COPY refuses to run under the green wait callback that eventlet's patch installs.
    green = psycopg2.extensions.get_wait_callback()
    psycopg2.extensions.set_wait_callback(None)
    try:
        cursor = connection.connection.dbapi_connection.cursor()
        cursor.copy_expert(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN", data)
        cursor.close()
    finally:
        psycopg2.extensions.set_wait_callback(green)


def search_at_scale(platform, label: str, registry_url: str, count: int) -> None:
    seconds = bulk_load(registry_url, count)
    print(f"{count:,} organisations stored in bulk ({label}) in {seconds:.0f} s")
    search_latency(platform, label, registry_url, count)


def search_latency(platform, label: str, registry_url: str, count: int) -> None:
    auth = {"Authorization": f"Bearer {platform.operator_key}"}
    with requests.Session() as session:
        for q in queries()[:5]:
            timed_get(session, f"{platform.url}/organisations?q={quote(q)}", auth)  # warm caches
        timed = [(q, timed_get(session, f"{platform.url}/organisations?q={quote(q)}", auth))
                 for _ in range(5) for q in queries()]
    samples = [ms for _, ms in timed]
    p50, p95 = percentiles(samples)
    print(f"search over {count:,} organisations ({label}), through the gateway: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
          f"({len(samples)} requests, load average {os.getloadavg()[0]:.1f})")
    classes = query_classes(registry_url)
    for name in dict.fromkeys(classes.values()):
        in_class = [ms for q, ms in timed if classes[q] == name]
        c50, c95 = percentiles(in_class)
        print(f"  {name}: p50 {c50:.1f} ms, p95 {c95:.1f} ms ({len(in_class)} requests)")
    # A connection per request as well: on a kept-alive connection a 50-organisation answer
    # waited ≈ 45 ms more than on a new one (the search itself costs the same).
    fresh = [timed_get(requests, f"{platform.url}/organisations?q={quote(q)}", auth)
             for _ in range(5) for q in queries()]
    f50, f95 = percentiles(fresh)
    print(f"  a new connection per request: p50 {f50:.1f} ms, p95 {f95:.1f} ms ({len(fresh)} requests)")
    report(f"search p95 over {count:,} organisations, {label}, through the gateway", p95, "ms",
           goal="< 50 ms", met=p95 < 50)
    report(f"search p95 over {count:,} organisations, {label}, through the gateway, a connection "
           f"per request", f95, "ms", goal="< 50 ms", met=f95 < 50)


def query_classes(registry_url: str) -> dict[str, str]:
    """Each query's class: one term or several, and whether it has 5,000 hits or more (the
    frequent terms, whose every hit was once ranked)."""
    from sqlalchemy import create_engine, text

    from services.registry.domain.japanese_text import search_terms
    engine = create_engine(registry_url)
    find = "strpos" if engine.dialect.name == "postgresql" else "instr"
    classes = {}
    with engine.connect() as connection:
        for q in queries():
            terms = search_terms(q)
            holds = " AND ".join(f"({find}(name_norm, :t{i}) > 0 OR {find}(kana_norm, :t{i}) > 0 "
                                 f"OR {find}(description_norm, :t{i}) > 0)" for i in range(len(terms)))
            hits = connection.execute(text(f"SELECT count(*) FROM organisations WHERE {holds}"),
                                      {f"t{i}": term for i, term in enumerate(terms)}).scalar()
            classes[q] = (f"{'one term' if len(terms) == 1 else 'several terms'}, "
                          f"{'≥ 5,000 hits' if hits >= 5000 else '< 5,000 hits'}")
    engine.dispose()
    return classes


def store_talents(database: Path, count: int) -> str:
    """`count` talents and one verified organisation, as bench_matching.bench_service stores them."""
    from deploy.demo_matching import _talent
    from services.common.database import make_engine, make_session_factory
    from services.matching.adapters.tables import MESSAGING
    from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
    from services.matching.contract.events import PUBLISHED
    from services.matching.contract.requests import CreateTalentRequest
    from services.matching.domain import talent as talent_rules
    from services.matching.domain.need import KnownOrganisation
    from services.matching.domain.talent import Talent
    from services.matching.entrypoints import commands
    engine = make_engine(f"sqlite:///{database}")
    factory = make_session_factory(engine)
    organisation = str(uuid.uuid4())
    rng, schema = random.Random(count), CreateTalentRequest()
    with SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING) as work:
        work.organisations.save(KnownOrganisation(organisation, "kuga", ["welfare"], "verified", "npo"))
        for _ in range(count):
            request = commands.create_talent(schema.load({**_talent(rng), "request_id": str(uuid.uuid4())}))
            now = datetime.now(timezone.utc)
            work.talents.add(talent_rules.register(Talent(id=request["request_id"], created_at=now,
                                                          updated_at=now, **request["profile"])))
        work.commit()
    engine.dispose()
    return organisation


def settled(data_dir: Path, count: int, limit: float = 1800.0) -> float:
    """Seconds until the stored talents' events are relayed (matching's outbox empty) and taken in
    by notifications (its inbox has them), so candidates are timed apart from the bulk load's
    backlog (a request waiting behind the relay's batches measures the load, not the ranking).
    The wait printed nothing while `store_talents` ran: that, quadratic in the unit of work until
    a109d0e (20,000 talents took 179 s; 100,000, by the square, over an hour), looked like a stall here. Progress is
    printed every 30 s now, and a wait that times out says so instead of passing for settled."""
    import sqlite3
    started = last_said = time.perf_counter()

    def scalar(database: str, sql: str) -> int:
        with sqlite3.connect(data_dir / database, timeout=30) as connection:
            return connection.execute(sql).fetchone()[0]

    while True:
        unsent = scalar("matching.sqlite3", "SELECT count(*) FROM outbox WHERE sent_at IS NULL")
        taken = scalar("notifications.sqlite3",
                       "SELECT count(*) FROM inbox WHERE type = 'matching.talent_registered'")
        if unsent == 0 and taken >= count:
            return time.perf_counter() - started
        if time.perf_counter() - started > limit:
            raise TimeoutError(f"not settled after {limit:.0f} s: {unsent:,} events unsent, "
                               f"{taken:,} of {count:,} taken in by notifications")
        if time.perf_counter() - last_said > 30:
            last_said = time.perf_counter()
            print(f"  waiting: {unsent:,} events unsent, {taken:,} of {count:,} taken in by notifications "
                  f"({last_said - started:.0f} s, load {os.getloadavg()[0]:.1f})", flush=True)
        time.sleep(1)


def candidates_at_scale(platform, count: int) -> None:
    stored_at = time.perf_counter()
    organisation = store_talents(platform.data_dir / "matching.sqlite3", count)
    print(f"{count:,} talents stored in {time.perf_counter() - stored_at:.0f} s", flush=True)
    print(f"the {count:,} talents' events relayed and consumed after {settled(platform.data_dir, count):.0f} s")
    response = platform.call("POST", "/needs", body={
        "title": "見守り訪問", "kind": "volunteer_shift", "slots": 3, "organisation_id": organisation,
        "required_skills": {"first_aid": 1}})
    assert response.status_code == 201, response.text
    url = f"{platform.url}/needs/{response.json()['id']}/candidates"
    auth = {"Authorization": f"Bearer {platform.operator_key}"}
    matching = platform.supervisor.pid("matching")
    with requests.Session() as session:
        # Matching builds its talent pool at start and keeps it current by a timer, so the first
        # request should find it built; were it not, it would wait for it (504 past the
        # gateway's deadline while the service goes on building): ask again until it answers.
        started, timeouts = time.perf_counter(), 0
        while (response := session.get(url, headers=auth, timeout=120)).status_code == 504:
            timeouts += 1
        assert response.status_code == 200, response.text[:300]
        first = (time.perf_counter() - started) * 1000
        cpu_before = cpu_seconds(matching)
        samples = [timed_get(session, url, auth) for _ in range(20)]
        cpu_per_request = (cpu_seconds(matching) - cpu_before) / len(samples) * 1000
        # Talents changing as requests come: one profile updated through the API before each request.
        ids = [t["id"] for t in session.get(f"{platform.url}/talents?limit=100", headers=auth,
                                            timeout=30).json()["items"]]
        changing = []
        for n in range(20):
            changed = platform.call("PATCH", f"/talents/{ids[n % len(ids)]}",
                                    body={"max_hours_per_month": float(10 + n % 7)})
            assert changed.status_code == 200, changed.text[:300]
            changing.append(timed_get(session, url, auth))
    p50, p95 = percentiles(samples)
    c50, c95 = percentiles(changing)
    print(f"candidates over {count:,} talents, through the gateway: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"matching CPU {cpu_per_request:.1f} ms per request; first answer after {first:.0f} ms"
          f"{f', {timeouts} request(s) timed out (504) first' if timeouts else ''}; "
          f"with a profile changed before each request: p50 {c50:.1f} ms, p95 {c95:.1f} ms")
    report(f"candidates p95 over {count:,} talents, through the gateway", p95, "ms", goal="< 50 ms", met=p95 < 50)
    report(f"candidates p95 over {count:,} talents, one profile changed before each request", c95, "ms",
           goal="< 50 ms", met=c95 < 50)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--talents", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--parts", default="demo,sqlite,candidates,postgres",
                        help="which to run, of demo,sqlite,candidates,postgres")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with private_vhost() as amqp_uri:
        if "demo" in parts:
            with tempfile.TemporaryDirectory() as folder, running_platform(Path(folder), amqp_uri) as platform:
                demo_scale(platform, args.seconds)
        if parts & {"sqlite", "candidates"}:
            with tempfile.TemporaryDirectory() as folder, running_platform(Path(folder), amqp_uri) as platform:
                if "sqlite" in parts:
                    search_at_scale(platform, "SQLite", f"sqlite:///{platform.data_dir / 'registry.sqlite3'}",
                                    args.organisations)
                if "candidates" in parts:
                    candidates_at_scale(platform, args.talents)
        if "postgres" in parts and not args.skip_postgres:
            with throwaway_database("kyodo_bench") as url, tempfile.TemporaryDirectory() as folder, \
                    running_platform(Path(folder), amqp_uri,
                                     env={"KYODO_REGISTRY_DATABASE_URL": url}) as platform:
                search_at_scale(platform, "PostgreSQL", url, args.organisations)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
