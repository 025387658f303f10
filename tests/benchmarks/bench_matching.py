"""Matching benchmark: ranking one need over 10k / 100k / 1M talents, and batch assignment,
each beside a naive baseline measured in the same run (so compare ratios, not absolutes).

    python tests/benchmarks/bench_matching.py            # full run (a few minutes on 2 cores)
    python tests/benchmarks/bench_matching.py --quick    # smaller sizes, for a smoke test

Named bench_*.py so pytest never collects it. Seeded synthetic data; nothing is read or written.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from services.matching.contract.vocabulary import AGE_BANDS  # noqa: E402
from services.matching.domain.assignment import hour_capacity, max_score_assignment  # noqa: E402
from services.matching.domain.ranking.fairness import Exposure  # noqa: E402
from services.matching.domain.ranking.pairwise import rank_candidates  # noqa: E402
from services.matching.domain.ranking.profiles import TIME_BANDS, NeedProfile, Occurrence, weekly_occurrences  # noqa: E402
from services.matching.domain.ranking.talent_matrix import EMPTY, UNBOUNDED, TalentMatrix  # noqa: E402
from services.matching.domain.ranking.vectorised import rank_candidates_in, score_need  # noqa: E402
from services.matching.domain.ranking.weights import CURRENT_WEIGHTS as WEIGHTS  # noqa: E402

SKILLS = [f"skill-{i:02d}" for i in range(40)]
FIELDS = [f"field-{i:02d}" for i in range(20)]
REGIONS = ["岩国", "由宇", "玖珂", "本郷", "周東", "錦", "美川", "美和", "周南", "柳井", "広島", "東京"]
REGION_WEIGHTS = np.array([40, 8, 8, 3, 10, 3, 2, 3, 6, 6, 6, 5], dtype=float)
START = date(2026, 12, 1)


def synthetic_matrix(n: int, seed: int) -> TalentMatrix:
    rng = np.random.default_rng(seed)
    held = rng.random((n, len(SKILLS))) < 3 / len(SKILLS)
    levels = np.asfortranarray(np.where(held, rng.integers(1, 6, (n, len(SKILLS))), 0).astype(np.int8))
    interests = np.asfortranarray(rng.random((n, len(FIELDS))) < 0.15)
    home = rng.choice(len(REGIONS), n, p=REGION_WEIGHTS / REGION_WEIGHTS.sum()).astype(np.int32)
    reachable = rng.random((n, len(REGIONS))) < 0.12
    reachable[np.arange(n), home] = True
    bits = rng.random((n, 21)) < 0.4
    availability = (bits * (1 << np.arange(21, dtype=np.uint32))).sum(axis=1).astype(np.uint32)
    limited = rng.random(n) < 0.3
    first_day = START.toordinal() + rng.integers(0, 120, n)
    starts = np.where(limited, first_day, UNBOUNDED[0]).astype(np.int32)
    ends = np.where(limited, first_day + rng.integers(30, 120, n), UNBOUNDED[1]).astype(np.int32)
    range_start = np.asfortranarray(np.stack([starts, np.full(n, EMPTY[0], np.int32)], axis=1))
    range_end = np.asfortranarray(np.stack([ends, np.full(n, EMPTY[1], np.int32)], axis=1))
    max_hours = rng.choice([4.0, 8.0, 10.0, 20.0, 40.0], n)
    used = np.where(rng.random(n) < 0.1, max_hours, np.round(rng.random(n) * max_hours * 2) / 2)
    return TalentMatrix(
        ids=tuple(f"t{i:07d}" for i in range(n)),
        skill_codes={c: i for i, c in enumerate(SKILLS)},
        skill_levels=levels,
        field_codes={f: i for i, f in enumerate(FIELDS)},
        interests=interests,
        region_codes={r: i for i, r in enumerate(REGIONS)},
        reachable=np.asfortranarray(reachable),
        home_region=home,
        online=rng.random(n) < 0.4,
        availability=availability,
        range_start=range_start,
        range_end=range_end,
        age_band_codes={b: i for i, b in enumerate(AGE_BANDS)},
        age_band=rng.integers(0, len(AGE_BANDS), n).astype(np.int16),
        first_timer=rng.random(n) < 0.2,
        max_hours=max_hours,
        hours_this_month=used,
        remaining_hours=max_hours - used,
        recent_invitations=rng.poisson(0.5, n).astype(np.int32),
    )


def synthetic_needs(count: int, seed: int) -> list[NeedProfile]:
    rng = np.random.default_rng(seed)
    needs = []
    for i in range(count):
        codes = [SKILLS[k] for k in rng.choice(len(SKILLS), 3, replace=False)]
        n_required = int(rng.choice([0, 0, 1, 1, 2]))
        first = START + timedelta(days=int(rng.integers(0, 60)))
        band = TIME_BANDS[int(rng.integers(0, 3))]
        hours = float(rng.choice([1.5, 2.0, 3.0, 4.0]))
        if rng.random() < 0.5:  # weekly for two months
            schedule = weekly_occurrences(first, first + timedelta(days=56), first.weekday(), band, hours)
        else:  # a one-off event over a weekend
            schedule = (Occurrence(first, band, hours), Occurrence(first + timedelta(days=1), band, hours))
        region = REGIONS[int(rng.choice(len(REGIONS), p=REGION_WEIGHTS / REGION_WEIGHTS.sum()))]
        needs.append(
            NeedProfile(
                id=f"n{i:05d}",
                organisation_id=f"org-{int(rng.integers(0, 200))}",
                required_skills={c: int(rng.integers(1, 4)) for c in codes[:n_required]},
                preferred_skills={c: int(rng.integers(1, 5)) for c in codes[n_required:]},
                fields=frozenset(FIELDS[k] for k in rng.choice(len(FIELDS), int(rng.integers(1, 3)), replace=False)),
                region=region,
                online=bool(rng.random() < 0.2),
                schedule=schedule,
                slots=int(rng.integers(1, 6)),
                youth_friendly=bool(rng.random() < 0.2),
            )
        )
    return needs


OPEN_TO_ALL = NeedProfile(
    id="n-open",
    organisation_id="org-0",
    required_skills={},
    preferred_skills={SKILLS[0]: 2, SKILLS[1]: 3},
    fields=frozenset(FIELDS[:2]),
    region=None,
    online=True,
    effort_hours=4.0,
)

EXPOSURE = Exposure(
    invited_by_age_band={"10代": 5, "20代": 40, "30代": 90, "40代": 120, "50代": 100, "60代": 60, "70代以上": 10},
    pool_by_age_band={b: 100 for b in AGE_BANDS},
    invited_by_region={"岩国": 300, "由宇": 40, "周東": 60, "錦": 2},
    pool_by_region={r: int(w * 10) for r, w in zip(REGIONS, REGION_WEIGHTS)},
)


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    return float(np.percentile(samples_ms, 50)), float(np.percentile(samples_ms, 95))


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_ranking(sizes: list[int], naive_sample: int) -> None:
    print("\n== Candidates for one need (top 20, with breakdown and explanation) ==")
    print(f"weights {WEIGHTS.version}; talents are seeded synthetic; each query cycles through 40 needs")
    needs = synthetic_needs(40, seed=7)
    for n in sizes:
        gc.collect()
        build_ms, matrix = timed(lambda: synthetic_matrix(n, seed=n))
        runs = {10_000: 400, 100_000: 200}.get(n, 40)
        rank_candidates_in(matrix, needs[0], WEIGHTS, EXPOSURE)  # warm-up
        samples, eligible = [], []
        for i in range(runs):
            need = needs[i % len(needs)]
            ms, _ = timed(lambda: rank_candidates_in(matrix, need, WEIGHTS, EXPOSURE, limit=20))
            samples.append(ms)
        for need in needs:
            eligible.append(len(score_need(matrix, need, WEIGHTS, EXPOSURE).rows))
        query_peak = 0  # the largest temporary allocation of any query (numpy reports to tracemalloc)
        for need in [*needs, OPEN_TO_ALL]:
            tracemalloc.start()
            rank_candidates_in(matrix, need, WEIGHTS, EXPOSURE, limit=20)
            query_peak = max(query_peak, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        p50, p95 = percentiles(samples)
        worst = [timed(lambda: rank_candidates_in(matrix, OPEN_TO_ALL, WEIGHTS, EXPOSURE, limit=20))[0] for _ in range(max(5, runs // 10))]
        worst_p50, worst_p95 = percentiles(worst)

        # Naive baseline: the same ranking as a Python loop over TalentProfile objects.
        sample = min(n, naive_sample)
        rows = np.linspace(0, n - 1, sample).astype(int)
        tracemalloc.start()
        talents = [matrix.talent_at(int(r)) for r in rows]
        objects_bytes, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        naive_runs = 5 if sample <= 10_000 else 3
        naive = [timed(lambda: rank_candidates(needs[i], talents, WEIGHTS, EXPOSURE, limit=20))[0] for i in range(naive_runs)]
        scale = n / sample
        naive_p50 = statistics.median(naive) * scale
        note = f" (extrapolated ×{scale:g} from a {sample:,}-talent sample)" if scale != 1 else ""
        print(
            f"{n:>9,} talents: vectorised p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  ({runs} queries, "
            f"eligible per need: median {int(np.median(eligible)):,}, max {max(eligible):,})\n"
            f"{'':>19}worst case (flexible online need, no required skill: everyone with hours left) "
            f"p50 {worst_p50:.2f} ms  p95 {worst_p95:.2f} ms\n"
            f"{'':>19}naive loop  p50 {naive_p50:9.1f} ms{note} → vectorised is {naive_p50 / p50:,.0f}× faster\n"
            f"{'':>19}memory: matrix {matrix.nbytes / 2**20:6.1f} MiB, max per-query peak {query_peak / 2**20:5.1f} MiB, "
            f"naive TalentProfile objects {objects_bytes * scale / 2**20:7.1f} MiB{' (extrapolated)' if scale != 1 else ''}; "
            f"matrix build {build_ms / 1000:.1f} s, process max RSS {max_rss_mb():,.0f} MiB"
        )
        del matrix, talents


def greedy_assignment(need_index, talent_index, scores, slots, capacity) -> np.ndarray:
    """Baseline: take pairs best score first while the need has a slot and the talent capacity."""
    chosen = np.zeros(len(scores), dtype=bool)
    free_slots = slots.copy()
    free_capacity = capacity.copy()
    for k in np.argsort(-scores, kind="stable"):
        if scores[k] <= 0:
            break
        n, t = need_index[k], talent_index[k]
        if free_slots[n] > 0 and free_capacity[t] > 0:
            chosen[k] = True
            free_slots[n] -= 1
            free_capacity[t] -= 1
    return chosen


def bench_assignment(shapes: list[tuple[int, int]], max_needs: int) -> None:
    print(f"\n== Batch assignment (min-cost flow, OR-Tools) vs greedy; up to {max_needs} needs per talent ==")
    for n_needs, n_talents in shapes:
        matrix = synthetic_matrix(n_talents, seed=n_talents + 1)
        needs = synthetic_needs(n_needs, seed=n_needs + 2)

        def candidate_pairs():
            parts = []
            for j, need in enumerate(needs):
                scored = score_need(matrix, need, WEIGHTS, EXPOSURE)
                fits = matrix.remaining_hours[scored.rows] >= need.monthly_load
                rows = scored.rows[fits]
                parts.append((np.full(len(rows), j), rows, scored.scores[fits], np.full(len(rows), need.monthly_load)))
            return [np.concatenate(c) for c in zip(*parts)]

        score_ms, (need_index, talent_rows, scores, loads) = timed(candidate_pairs)
        capacity = hour_capacity(talent_rows, loads, matrix.remaining_hours, max_needs)
        slots = np.array([n.slots for n in needs], dtype=np.int64)
        flow_ms, optimal = timed(lambda: max_score_assignment(need_index, talent_rows, scores, slots, capacity))
        greedy_ms, greedy = timed(lambda: greedy_assignment(need_index, talent_rows, scores, slots, capacity))
        best, greedy_total = scores[optimal].sum(), scores[greedy].sum()
        print(
            f"{n_needs:>5,} needs × {n_talents:>5,} talents: {len(scores):>9,} eligible pairs scored in {score_ms / 1000:5.2f} s\n"
            f"{'':>29}min-cost flow {flow_ms / 1000:6.2f} s: {optimal.sum():>5,} matches, total score {best:9.2f}\n"
            f"{'':>29}greedy        {greedy_ms / 1000:6.2f} s: {greedy.sum():>5,} matches, total score {greedy_total:9.2f}"
            f"  → optimal/greedy = {best / greedy_total:.4f}"
        )


def bench_service(sizes: list[int], queries: int = 20) -> None:
    """The candidates use case as the service runs it (SQLite from the migrations, fairness inputs
    read per request), with the talent pool cached between requests, beside rebuilding it each time."""
    import random
    import tempfile
    import uuid
    from datetime import datetime, timezone

    from deploy.demo_matching import _talent
    from services.common.actor import Actor
    from services.common.database import make_engine, make_session_factory
    from services.common.migrations import upgrade
    from services.matching.adapters.tables import MESSAGING
    from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork
    from services.matching.app import needs, recommendations, talent_pool
    from services.matching.domain import talent as talent_rules
    from services.matching.domain.talent import Talent
    from services.matching.app.needs import PostNeed
    from services.matching.contract.events import PUBLISHED
    from services.matching.contract.requests import CreateTalentRequest
    from services.matching.domain.need import KnownOrganisation
    from services.matching.entrypoints import commands

    print("\n== Candidates through the service's use case (SQLite, cached talent pool vs rebuilt per request) ==")
    for n in sizes:
        url = f"sqlite:///{tempfile.mkdtemp()}/matching.sqlite3"
        upgrade("matching", url)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        uow = lambda: SqlMatchingUnitOfWork(factory, "matching", PUBLISHED, MESSAGING)  # noqa: E731
        organisation = str(uuid.uuid4())
        with uow() as work:
            work.organisations.save(KnownOrganisation(organisation, "kuga", ["welfare"], "verified", "npo"))
            work.commit()
        rng, schema, operator = random.Random(n), CreateTalentRequest(), Actor("operator")
        loading = time.perf_counter()
        with uow() as work:  # one transaction: the adapters' rows, not the API, are what is measured here
            for _ in range(n):
                request = commands.create_talent(schema.load({**_talent(rng), "request_id": str(uuid.uuid4())}))
                now = datetime.now(timezone.utc)
                work.talents.add(talent_rules.register(Talent(id=request["request_id"], created_at=now,
                                                              updated_at=now, **request["profile"])))
            work.commit()
        loaded = time.perf_counter() - loading
        need = needs.post_need(uow(), operator, PostNeed(
            need_id=str(uuid.uuid4()), title="見守り", kind="volunteer_shift", slots=3,
            organisation_id=organisation, required_skills={"first_aid": 1}))
        talent_pool.forget_talent_pool()
        cold_ms, _ = timed(lambda: recommendations.candidates(uow(), operator, need.id))
        warm = [timed(lambda: recommendations.candidates(uow(), operator, need.id))[0] for _ in range(queries)]
        rebuilt = []
        for _ in range(max(3, queries // 4)):
            talent_pool.forget_talent_pool()
            rebuilt.append(timed(lambda: recommendations.candidates(uow(), operator, need.id))[0])
        (w50, w95), (r50, r95) = percentiles(warm), percentiles(rebuilt)
        print(f"{n:>9,} talents (stored in {loaded:.1f} s): cached p50 {w50:.1f} ms p95 {w95:.1f} ms; "
              f"rebuilt per request p50 {r50:.1f} ms p95 {r95:.1f} ms ({r50 / w50:.0f}x); first request {cold_ms:.0f} ms")
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.quick:
        bench_ranking([10_000], naive_sample=2_000)
        bench_assignment([(200, 300)], max_needs=2)
        bench_service([2_000])
    else:
        bench_ranking([10_000, 100_000, 1_000_000], naive_sample=100_000)
        bench_assignment([(1_000, 1_000), (5_000, 2_000)], max_needs=2)
        bench_service([10_000, 50_000])
    print(f"\nwhole benchmark: {time.perf_counter() - started:.0f} s; Python {sys.version.split()[0]}, numpy {np.__version__}")


if __name__ == "__main__":
    main()
