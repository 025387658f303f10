"""Reports benchmark: KPI recomputation by replaying 1,000,000 stored events (events/s and the
replay process's peak memory), then the KPI totals from the daily roll-up against a scan of every
fact (as before the roll-up), the time to compute the plan KPIs, to generate a partner's annual
CSR report and to generate the city's progress report (PDF, XLSX and CSV each).

    python tests/benchmarks/bench_reports.py                 # 1,000,000 events (several minutes)
    python tests/benchmarks/bench_reports.py --events 50000  # a smoke test

Named bench_*.py so pytest never collects it. Seeded synthetic events in a temporary SQLite file
built by the migrations; the replay runs in a child process, as the operator's command does.
"""
from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import distinct, func, insert, select  # noqa: E402

from services.common.actor import Actor  # noqa: E402
from services.common.city_profile_file import region_names  # noqa: E402
from services.common.database import make_engine, make_session_factory  # noqa: E402
from services.common.event_handling import apply_once  # noqa: E402
from services.common.migrations import upgrade  # noqa: E402
from services.reports.adapters.report_files.renderer import FileReportRenderer  # noqa: E402
from services.reports.adapters.tables import MESSAGING, event_log, kpi_facts  # noqa: E402
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork  # noqa: E402
from services.reports.app import kpi, report_jobs  # noqa: E402
from services.reports.app.kpi import DefineIndicator, ProgressQuery  # noqa: E402
from services.reports.app.report_jobs import Generation, RequestReport  # noqa: E402
from services.reports.contract.events import PUBLISHED  # noqa: E402
from services.reports.domain.kpi import CATALOGUE, Grades  # noqa: E402
from tests.benchmarks.results import report  # noqa: E402

REGIONS = ("iwakuni", "yu", "kuga", "hongo", "shuto", "nishiki", "mikawa", "miwa")
BANDS = ("10代", "20代", "30代", "40代", "50代", "60代", "70代以上")
FIRST_DAY, DAYS = date(2023, 4, 1), 365 * 6  # FY2023 (the baseline) to FY2028
OPERATOR = Actor("operator", key_id="bench")


def _events(count: int, rng: random.Random):
    """(type, occurred_at, payload) in the order a city would produce them."""
    organisations = [str(uuid.uuid4()) for _ in range(2_000)]
    businesses = organisations[:40]
    needs, talents, offers = [], [], []

    def moment(index):
        day = FIRST_DAY + timedelta(days=index * DAYS // count)
        return datetime(day.year, day.month, day.day, 3, tzinfo=timezone.utc)

    for index in range(count):
        at, roll = moment(index), rng.random()
        if index < len(organisations):
            yield "registry.organisation_registered", at, {
                "organisation_id": organisations[index], "kind": "npo",
                "region": rng.choice(REGIONS), "fields": ["welfare"], "status": "verified"}
        elif roll < 0.02 or not needs:
            need_id = str(uuid.uuid4())
            needs.append(need_id)
            yield "matching.need_posted", at, {
                "need_id": need_id, "organisation_id": rng.choice(organisations[40:]),
                "title": "募集", "kind": "volunteer_shift", "region": rng.choice(REGIONS),
                "fields": ["welfare", "environment"], "slots": 5}
        elif roll < 0.03 or not offers:
            offer_id = str(uuid.uuid4())
            offers.append(offer_id)
            yield "matching.offer_posted", at, {
                "offer_id": offer_id, "organisation_id": rng.choice(businesses),
                "kind": rng.choice(("staff_time", "goods", "money")), "regions": ["iwakuni"],
                "fields": ["environment"], "online": False, "starts": at.date().isoformat(),
                "ends": (at.date() + timedelta(days=90)).isoformat(), "status": "open",
                "quantity": 10.0, "unit": "人"}
        elif roll < 0.10 or not talents:
            talent_id = str(uuid.uuid4())
            talents.append(talent_id)
            yield "matching.talent_registered", at, {
                "talent_id": talent_id, "age_band": rng.choice(BANDS), "home_region": "yu",
                "regions": ["yu"], "online": False, "first_timer": False, "origin": "citizen",
                "offer_id": rng.choice(offers) if rng.random() < 0.1 else None}
        elif roll < 0.15:
            yield "registry.consultation_opened", at, {
                "consultation_id": str(uuid.uuid4()), "channel": "visit",
                "topics": ["management"], "opened_at": at.isoformat()}
        elif roll < 0.152:
            yield "registry.membership_rate_recalculated", at, {
                "region": rng.choice(REGIONS), "as_of": at.date().isoformat(),
                "associations": 10, "households_in_area": 5000,
                "member_households": rng.randint(3000, 4000), "rate": rng.uniform(0.6, 0.8)}
        else:
            yield "matching.match_completed", at, {
                "match_id": str(uuid.uuid4()), "need_id": rng.choice(needs),
                "talent_id": rng.choice(talents), "organisation_id": rng.choice(organisations),
                "hours": float(rng.choice((2, 3, 4))), "completed_on": at.date().isoformat()}


def _store(url: str, count: int) -> float:
    engine = make_engine(url)
    started = time.perf_counter()
    batch = []
    with engine.begin() as connection:
        for event_type, at, payload in _events(count, random.Random(2026)):
            batch.append({"event_id": str(uuid.uuid4()), "type": event_type, "version": 1,
                          "occurred_at": at, "payload": payload})
            if len(batch) == 10_000:
                connection.execute(insert(event_log), batch)
                batch = []
        if batch:
            connection.execute(insert(event_log), batch)
    engine.dispose()
    return time.perf_counter() - started


def _replay(url: str) -> tuple[float, int, int]:
    """The operator's command in a child process; its peak RSS (KiB) is read back."""
    script = ("import resource, sys; from services.reports.entrypoints.replay import replay; "
              f"n = replay({url!r}); "
              "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])
    elapsed = time.perf_counter() - started
    applied, peak_kib = (int(v) for v in done.stdout.split())
    return elapsed, applied, peak_kib


def _scan_every_fact(uow, cutoff: date) -> int:
    """The plan-KPI totals as they were added up before the daily roll-up: every fact grouped
    per measure, year and region, and the distinct subjects again city-wide (kept here only to
    compare the two in one run)."""
    facts = kpi_facts.c
    with uow:
        rows = uow.session.execute(select(
            facts.measure, facts.fiscal_year, facts.region, func.count(), func.sum(facts.value),
            func.count(distinct(facts.subject_id))).where(facts.occurred_on <= cutoff).group_by(
            facts.measure, facts.fiscal_year, facts.region)).all()
        rows += uow.session.execute(select(
            facts.measure, facts.fiscal_year, func.count(distinct(facts.subject_id))).where(
            facts.occurred_on <= cutoff, facts.subject_id.is_not(None)).group_by(
            facts.measure, facts.fiscal_year)).all()
    return len(rows)


def _roll_up_totals(uow, cutoff: date) -> int:
    with uow:
        return len(uow.kpi.totals(cutoff))


def _timed(label: str, action, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    best = min(times)
    print(f"  {label:<52} {best * 1000:9.0f} ms (best of {repeat})")
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'reports.sqlite3'}"
        upgrade("reports", url)
        stored = _store(url, args.events)
        print(f"reports benchmark: {args.events:,} synthetic events stored in {stored:.1f} s")
        elapsed, applied, peak_kib = _replay(url)
        print(f"  replay (every read model and KPI fact rebuilt)       {elapsed:9.1f} s  "
              f"{applied / elapsed:,.0f} events/s  peak RSS {peak_kib / 1024:,.0f} MiB")
        report(f"reports replay of {applied:,} stored events (read models and KPI facts)",
               applied / elapsed, "events/s")
        report("reports replay peak memory (child process RSS)", peak_kib / 1024, "MiB")
        engine = make_engine(url)
        uow = SqlReportsUnitOfWork(make_session_factory(engine), "reports", PUBLISHED, MESSAGING)
        for code in CATALOGUE:
            kpi.define_indicator(uow, OPERATOR, DefineIndicator(
                code, CATALOGUE[code].name, code, None, "higher", None, 1.0,
                {year: 100.0 for year in range(2024, 2029)}))
        regions = tuple(region_names())
        cutoff = date(2029, 3, 31)
        scanned = _timed("KPI totals scanning every fact (before the roll-up)", lambda: _scan_every_fact(uow, cutoff))
        rolled = _timed("KPI totals from the daily roll-up", lambda: _roll_up_totals(uow, cutoff))
        report("KPI totals from the daily roll-up (every measure, year and region)", rolled * 1000, "ms",
               baseline="scanning every fact, as before the roll-up", baseline_value=scanned * 1000)
        took = _timed("plan KPIs (11 indicators × 6 years × 8 regions)",
                      lambda: kpi.plan_progress(uow, ProgressQuery(None, regions, Grades())))
        report("plan KPIs computed from the daily roll-up (11 indicators, 6 years, 8 regions)",
               took * 1000, "ms")
        with uow:
            partner = uow.csr.partners()[0]
        generation = Generation(FileReportRenderer(), region_names(), 5, "岩国市", Grades())

        def generate(kind, **fields):
            job = report_jobs.request_report(uow, OPERATOR, RequestReport(
                str(uuid.uuid4()), kind, ["pdf", "xlsx", "csv"], **fields))
            envelope = {"id": str(uuid.uuid4()), "type": "reports.report_requested"}
            apply_once(uow, envelope, {"job_id": job.id},
                       partial(report_jobs.on_report_requested, generation=generation))

        took = _timed("a partner's annual CSR report (PDF+XLSX+CSV)",
                      lambda: generate("partner_annual_csr", partner_id=partner, fiscal_year=2025))
        report("a partner's annual CSR report generated (PDF, XLSX and CSV)", took * 1000, "ms")
        took = _timed("the city's progress report (PDF+XLSX+CSV)",
                      lambda: generate("city_progress"))
        report("the city's progress report generated (PDF, XLSX and CSV)", took * 1000, "ms")
        engine.dispose()
    print(f"  this process's peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
