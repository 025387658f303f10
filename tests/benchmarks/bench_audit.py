"""What the audit log costs a write: registry's register_organisation use case, one unit of
work per call, with and without an audit context (its row in the same transaction), on SQLite
and PostgreSQL; and an operator's read entry (its own short transaction).

  python tests/benchmarks/bench_audit.py [--writes N] [--skip-postgres]

Writes alternate in blocks of 50 between the two modes, so drift on a shared machine hits both.
PostgreSQL comes from KYODO_TEST_POSTGRES_URL (an admin URL, as the tests use).
Not collected by pytest (its name does not start with test_).
"""
import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


from services.common.actor import Actor  # noqa: E402
from services.common.audit import READ, AuditContext, current_audit  # noqa: E402
from services.common.database import make_engine, make_session_factory  # noqa: E402
from services.common.migrations import upgrade  # noqa: E402
from services.registry.adapters.city_profiles import configured_city  # noqa: E402
from services.registry.adapters.tables import MESSAGING  # noqa: E402
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork  # noqa: E402
from services.registry.app import organisations  # noqa: E402
from services.registry.app.organisations import RegisterOrganisation  # noqa: E402
from services.registry.contract.events import PUBLISHED  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402
from tests.support.throwaway_postgres import throwaway_database  # noqa: E402

OPERATOR = Actor("operator", key_id="bench-key")
BLOCK = 50


def _register(uow, audited: bool) -> None:
    command = RegisterOrganisation(organisation_id=str(uuid.uuid4()), name="玖珂子ども食堂",
                                   name_kana="クガコドモショクドウ", kind="citizen_group",
                                   region="kuga", fields=["childcare"])
    token = current_audit.set(AuditContext(OPERATOR, "register_organisation", "c")) if audited else None
    try:
        organisations.register_organisation(uow, OPERATOR, command, configured_city())
    finally:
        if token is not None:
            current_audit.reset(token)


def measure(label: str, url: str, writes: int) -> None:
    upgrade("registry", url)
    engine = make_engine(url)
    uow = SqlRegistryUnitOfWork(make_session_factory(engine), "registry", PUBLISHED, MESSAGING)
    spent = {False: 0.0, True: 0.0}
    for block in range(writes // BLOCK):
        audited = block % 2 == 1
        started = time.perf_counter()
        for _ in range(BLOCK):
            _register(uow, audited)
        spent[audited] += time.perf_counter() - started
    per_mode = writes // BLOCK // 2 * BLOCK
    plain, with_audit = per_mode / spent[False], per_mode / spent[True]
    entry = AuditContext(OPERATOR, "get_roster", "c", ["o1"]).entry(READ, {"RosterEntry.name"})
    started = time.perf_counter()
    for _ in range(per_mode):
        uow.append_audit(entry)
    reads = per_mode / (time.perf_counter() - started)
    print(f"{label}: writes {plain:.0f}/s without audit, {with_audit:.0f}/s with "
          f"({with_audit / plain:.2f}×); read entries {reads:.0f}/s")
    report(f"{label} writes with their audit row", with_audit, "writes/s",
           baseline="the same writes without", baseline_value=plain)
    report(f"{label} operator read entries", reads, "entries/s")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=2000)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        measure("SQLite", f"sqlite:///{directory}/registry.sqlite3", args.writes)
    if args.skip_postgres:
        return
    with throwaway_database("kyodo_bench") as url:
        measure("PostgreSQL", url, args.writes)

if __name__ == "__main__":
    main()
