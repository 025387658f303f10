"""How fast pruning deletes, on SQLite and PostgreSQL, in a schema built by registry's migrations:
N sent outbox rows past the window and N inbox rows past theirs, among rows that must stay
(recent and unsent), deleted 1,000 per transaction as the hourly timer and `./kyodo prune` do.
The baseline is inserting the same rows, 1,000 per transaction, in the same run.

  python tests/benchmarks/bench_pruning.py [--rows N] [--skip-postgres]

PostgreSQL comes from KYODO_TEST_POSTGRES_URL (an admin URL, as the tests use).
Not collected by pytest (its name does not start with test_).
"""
import argparse
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import MetaData, func, insert, select, text  # noqa: E402

from services.common.database import make_engine, make_session_factory  # noqa: E402
from services.common.message_pruning import PruningSettings, prune_messages  # noqa: E402
from services.common.messaging_tables import messaging_tables  # noqa: E402
from services.common.migrations import upgrade  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402
from tests.support.throwaway_postgres import throwaway_database  # noqa: E402

TABLES = messaging_tables(MetaData())
CHUNK = 1000


def outbox_rows(count: int, sent_days_ago: float | None) -> list[dict]:
    now = datetime.now(timezone.utc)
    created = now - timedelta(days=(sent_days_ago or 0) + 1)
    sent = None if sent_days_ago is None else now - timedelta(days=sent_days_ago)
    return [{"message_id": str(uuid.uuid4()), "type": "registry.organisation_registered",
             "envelope": '{"payload": {}}', "created_at": created, "available_at": created,
             "sent_at": sent, "attempts": 0, "municipality_code": "352080"} for _ in range(count)]


def inbox_rows(count: int, days_ago: float) -> list[dict]:
    processed = datetime.now(timezone.utc) - timedelta(days=days_ago)
    return [{"message_id": str(uuid.uuid4()), "type": "matching.need_posted", "processed_at": processed,
             "municipality_code": "352080"} for _ in range(count)]


def insert_in_chunks(engine, table, rows: list[dict]) -> float:
    started = time.perf_counter()
    for start in range(0, len(rows), CHUNK):
        with engine.begin() as connection:
            connection.execute(insert(table), rows[start:start + CHUNK])
    return time.perf_counter() - started


def measure(label: str, url: str, rows: int) -> None:
    upgrade("registry", url)
    engine = make_engine(url)
    keep = rows // 10
    old_sent, old_processed = outbox_rows(rows, 8), inbox_rows(rows, 31)
    insert_seconds = (insert_in_chunks(engine, TABLES.outbox, old_sent)
                      + insert_in_chunks(engine, TABLES.inbox, old_processed))
    insert_in_chunks(engine, TABLES.outbox, outbox_rows(keep, 1) + outbox_rows(keep, None))
    insert_in_chunks(engine, TABLES.inbox, inbox_rows(keep, 2))
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE outbox"))
            connection.execute(text("ANALYZE inbox"))
    started = time.perf_counter()
    pruned = prune_messages(make_session_factory(engine), TABLES, PruningSettings())
    seconds = time.perf_counter() - started
    with engine.connect() as connection:
        left = (connection.execute(select(func.count()).select_from(TABLES.outbox)).scalar_one(),
                connection.execute(select(func.count()).select_from(TABLES.inbox)).scalar_one())
    assert (pruned.outbox, pruned.inbox) == (rows, rows) and left == (2 * keep, keep), (pruned, left)
    deleted_per_second = 2 * rows / seconds
    inserted_per_second = 2 * rows / insert_seconds
    print(f"{label}: pruned {2 * rows:,} rows in {seconds:.2f} s = {deleted_per_second:,.0f} rows/s "
          f"(inserting them, {CHUNK:,} per transaction: {inserted_per_second:,.0f} rows/s)")
    report(f"{label} pruning, 1,000 rows per transaction", deleted_per_second, "rows/s",
           baseline="inserting the same rows, 1,000 per transaction", baseline_value=inserted_per_second)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000, help="old rows per table")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        measure("SQLite", f"sqlite:///{directory}/registry.sqlite3", args.rows)
    if args.skip_postgres:
        return
    with throwaway_database("kyodo_bench") as url:
        measure("PostgreSQL", url, args.rows)

if __name__ == "__main__":
    main()
