"""Registry at city scale: Japanese search latency over 100,000 organisations, and room booking
under concurrent confirmation, on SQLite and PostgreSQL.

  python tests/benchmarks/bench_registry.py [--organisations N] [--rounds R]
                                            [--skip-sqlite] [--skip-postgres]

1. Loads N organisations (default 100,000: the 74 demo organisations, varied by region, town,
   number and description, so the bigram index has realistic frequencies) through the
   repository's bulk path into a schema built by the migrations, then runs every query of the
   64-query table (services/registry/tests/search_queries.py) through the repository as the
   API does (first page of 50, ranked), 5 times each, and prints p50/p95/max in ms.
2. Booking: R rounds; in each, 20 threads at once request a booking of the same room for
   overlapping times and confirm it (the full use cases, one unit of work each). Prints
   requests/s and checks that no two confirmed bookings of the room overlap.
PostgreSQL comes from KYODO_TEST_POSTGRES_URL (an admin URL, as the tests use).
Not collected by pytest (its name does not start with test_).
"""
import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import create_engine, select, text  # noqa: E402

from services.common.actor import Actor  # noqa: E402
from services.common.database import make_engine, make_session_factory  # noqa: E402
from services.common.errors import Conflict  # noqa: E402
from services.common.migrations import upgrade  # noqa: E402
from services.registry.adapters.city_profiles import configured_city  # noqa: E402
from services.registry.adapters.organisation_repositories import SqlOrganisationRepository  # noqa: E402
from services.registry.adapters.tables import MESSAGING, bookings  # noqa: E402
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork  # noqa: E402
from services.registry.app import facilities, organisations  # noqa: E402
from services.registry.app.facilities import (BookingDecision, RegisterFacility,  # noqa: E402
                                              RequestBooking)
from services.registry.app.organisations import OrganisationFilter, RegisterOrganisation  # noqa: E402
from services.registry.domain.organisation import Organisation  # noqa: E402
from services.registry.contract.events import PUBLISHED  # noqa: E402
from services.registry.tests.search_queries import SEARCH_QUERIES  # noqa: E402
from tests.support.throwaway_postgres import throwaway_database  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEMO = json.loads((ROOT / "deploy" / "demo" / "iwakuni.json").read_text(encoding="utf-8"))
CITY = configured_city()
OPERATOR = Actor("operator", key_id="bench")
SUFFIXES = ("", "の会", "クラブ", "サークル", "応援団", "ネット", "協議会", "研究会", "友の会")
DESCRIPTIONS = ("地域の高齢者の見守りと配食を続けています。", "子どもの学習支援と居場所づくり。",
                "清掃活動と花壇の手入れをしています。", "防災訓練と避難所運営の講習会。",
                "伝統芸能の継承と発表会。", "スポーツを通じた多世代交流。")


def synthetic(count: int):
    towns = {r.code: [t.name for t in r.towns] for r in CITY.regions}
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    base = DEMO["organisations"]
    for index in range(count):
        model = base[index % len(base)]
        n = index // len(base)
        region = CITY.regions[(index // 7) % len(CITY.regions)].code
        if n == 0:  # the real demo rows, unchanged, so the query table has its hits
            name, kana, description, region = (model["name"], model["kana"],
                                               model["description"], model["region"])
        else:
            name = f"{model['name']}{SUFFIXES[n % len(SUFFIXES)]}{n}"
            kana = model["kana"]
            description = f"{DESCRIPTIONS[n % len(DESCRIPTIONS)]}{model['description'][:20]}"
        yield Organisation(
            id=str(uuid.uuid4()), name=name, name_kana=kana, kind=model["kind"], region=region,
            fields=model["fields"], description=description, status="verified",
            registered_at=start + timedelta(seconds=index),
            town=(towns.get(region) or [""])[n % max(1, len(towns.get(region) or [""]))])


def load(url: str, count: int) -> float:
    upgrade("registry", url)
    engine = make_engine(url)
    session = make_session_factory(engine)()
    repository = SqlOrganisationRepository(session)
    started = time.perf_counter()
    for number, organisation in enumerate(synthetic(count), 1):
        repository.add(organisation)  # rows held back and sent per table at the commit
        if number % 1000 == 0:
            session.commit()
    session.commit()
    session.close()
    engine.dispose()
    if url.startswith("postgresql"):  # what autovacuum would do after a bulk load
        with create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))
    return time.perf_counter() - started


def search_latency(url: str, repeats: int = 5) -> dict:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    timings, misses = [], []
    for row in SEARCH_QUERIES:
        for attempt in range(repeats):
            with factory() as session:
                started = time.perf_counter()
                found = SqlOrganisationRepository(session).list(OrganisationFilter(q=row["query"],
                                                                                   limit=50))
                timings.append((time.perf_counter() - started) * 1000)
            if attempt == 0 and row.get("expected_first") and (
                    not found or found[0].name != row["expected_first"]):
                misses.append(row["query"])
    engine.dispose()
    timings.sort()
    return {"p50": statistics.median(timings), "p95": timings[int(len(timings) * 0.95) - 1],
            "max": timings[-1], "queries": len(timings), "first_misses": misses}


def booking_throughput(url: str, rounds: int) -> dict:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    new_uow = lambda: SqlRegistryUnitOfWork(factory, "registry", PUBLISHED, MESSAGING)  # noqa: E731
    org = organisations.register_organisation(new_uow(), OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name="ベンチマーク団体", name_kana="ベンチマークダンタイ",
        kind="citizen_group", region="yu", fields=["welfare"]), CITY)
    facility = facilities.register_facility(new_uow(), OPERATOR, RegisterFacility(
        facility_id=str(uuid.uuid4()), name="ベンチ会館", name_kana="ベンチカイカン", region="yu",
        address="岩国市由宇町", rooms=[{"name": "ホール", "capacity": 100}],
        opening_hours={"open": "09:00", "close": "21:00"}), CITY)
    room = facility.rooms[0].id
    zone = ZoneInfo(CITY.timezone)
    outcomes: list[str] = []
    lock = threading.Lock()

    def one(day: date, slot: int, barrier):
        start = datetime.combine(day, datetime.min.time(), zone).replace(hour=10) + timedelta(
            minutes=30 * (slot % 4))
        barrier.wait()
        try:
            booking = facilities.request_booking(new_uow(), OPERATOR, RequestBooking(
                booking_id=str(uuid.uuid4()), room_id=room, starts_at=start,
                ends_at=start + timedelta(hours=2), attendees=5, organisation_id=org.id), CITY)
            facilities.confirm_booking(new_uow(), OPERATOR, BookingDecision(booking.id))
            result = "confirmed"
        except Conflict:
            result = "conflict"
        with lock:
            outcomes.append(result)

    started = time.perf_counter()
    for round_ in range(rounds):
        day = date.today() + timedelta(days=30 + round_)
        barrier = threading.Barrier(20)
        threads = [threading.Thread(target=one, args=(day, slot, barrier)) for slot in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    elapsed = time.perf_counter() - started
    with factory() as session:
        rows = session.execute(select(bookings.c.starts_at, bookings.c.ends_at).where(
            bookings.c.room_id == room, bookings.c.status == "confirmed").order_by(
            bookings.c.starts_at)).all()
    overlaps = sum(1 for a, b in zip(rows, rows[1:]) if b.starts_at < a.ends_at)
    engine.dispose()
    return {"requests": len(outcomes), "per_second": len(outcomes) / elapsed,
            "confirmed": outcomes.count("confirmed"), "conflicts": outcomes.count("conflict"),
            "overlaps": overlaps, "rounds": rounds}


def run(label: str, url: str, count: int, rounds: int) -> None:
    seconds = load(url, count)
    print(f"[{label}] loaded {count:,} organisations in {seconds:.1f}s "
          f"({count / seconds:,.0f}/s, with fields and bigram index)")
    latency = search_latency(url)
    print(f"[{label}] search over {latency['queries']} runs of the {len(SEARCH_QUERIES)}-query "
          f"table: p50 {latency['p50']:.1f} ms, p95 {latency['p95']:.1f} ms, "
          f"max {latency['max']:.1f} ms; expected-first misses: {latency['first_misses'] or 'none'}")
    booked = booking_throughput(url, rounds)
    print(f"[{label}] booking: {booked['requests']} request+confirm in {booked['rounds']} rounds "
          f"of 20 concurrent for one room: {booked['per_second']:.0f}/s; confirmed "
          f"{booked['confirmed']}, conflicts {booked['conflicts']}, overlaps {booked['overlaps']}")
    assert booked["overlaps"] == 0


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # figures appear as each phase ends
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            run("sqlite", f"sqlite:///{Path(folder) / 'registry.sqlite3'}", args.organisations,
                args.rounds)
    if not args.skip_postgres:
        with throwaway_database("kyodo_bench") as url:
            run("postgresql", url, args.organisations, args.rounds)


if __name__ == "__main__":
    main()
