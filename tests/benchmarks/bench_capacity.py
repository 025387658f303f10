"""The national capacity plan (docs/capacity.md), replayed: a synthetic day's event and request
mix, minute by minute, against the copies the plan gives each component and the per-copy rates
measured on this machine (docs/performance.md).

  python tests/benchmarks/bench_capacity.py [--consumer-rate R] [--relay-rate R] [--gateway-rate R]

For an ordinary day and a disaster day (six hours at 100× the ordinary rate), it feeds each
consuming service the events it subscribes to (the real subscriptions, from the service classes)
and the gateway its requests, keeps each one's backlog, and checks the plan's promises: an event
is applied within 60 s of being published on an ordinary day and within 5 minutes on a
disaster day, a request waits under 100 ms, and every backlog drains before midnight. Exits 1
when the plan in docs/capacity.md does not hold.

Per-copy rates are this machine's measured figures (one core each) times SAFETY, because a
national deployment's handlers do more than the benchmark's: pass fresher figures as options.
"""
import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.results import report  # noqa: E402

CAPACITY_DOC = ROOT / "docs" / "capacity.md"
EVENTS_PER_YEAR = 50_000_000
REQUESTS_PER_EVENT = 20          # people read far more than they change: 20 reads per write
DISASTER_MULTIPLIER = 100
DISASTER_HOURS = range(9, 15)    # JST: a morning earthquake, six hours of everyone at once
SAFETY = 0.3                     # measured single-core rate × 0.3 = what we plan a copy for
# Measured on this machine (docs/performance.md, same-run figures): a batched consumer applied a
# backlog at ~1,550–1,800 events/s on one core; the relay published ~5,000–5,900/s; the gateway
# answered ~500 reads/s on one core beside the services.
MEASURED = {"consumer": 1550.0, "relay": 5000.0, "gateway": 495.0}
# The share of the year's events by type (a synthetic mix; registry's facility and booking
# traffic and matching's match lifecycle dominate; organisations change rarely).
MIX = {
    "registry.organisation_registered": 1.0, "registry.organisation_updated": 3.0,
    "registry.organisation_verified": 0.8, "registry.organisation_rejected": 0.1,
    "registry.facility_registered": 0.1, "registry.facility_manager_designated": 0.05,
    "registry.booking_requested": 12.0, "registry.booking_confirmed": 10.0,
    "registry.booking_declined": 1.0, "registry.booking_cancelled": 1.5,
    "registry.membership_rate_recalculated": 0.3, "registry.newcomer_interest_registered": 0.5,
    "registry.consultation_opened": 2.0, "registry.consultation_status_changed": 3.0,
    "registry.consultation_followed_up": 2.0, "registry.consultation_referred": 0.5,
    "registry.organisation_tie_declared": 0.3, "registry.organisation_tie_removed": 0.05,
    "registry.roster_entry_added": 2.0, "registry.roster_entry_removed": 0.5,
    "matching.need_posted": 4.0, "matching.talent_registered": 3.0, "matching.talent_updated": 4.0,
    "matching.match_proposed": 12.0, "matching.match_accepted": 8.0, "matching.match_waitlisted": 1.0,
    "matching.match_promoted": 0.5, "matching.match_confirmed": 7.0, "matching.contact_released": 7.0,
    "matching.match_declined": 2.0, "matching.match_withdrawn": 1.0, "matching.match_expired": 1.0,
    "matching.match_hours_logged": 5.0, "matching.match_completed": 5.0,
    "matching.match_message_sent": 10.0, "matching.offer_posted": 0.5, "matching.offer_updated": 0.5,
    "matching.match_feedback_given": 3.0,
    "reports.report_requested": 0.2, "reports.report_ready": 0.2,
}
# Share of a day's traffic in each JST hour: quiet nights, a morning and an evening peak.
DIURNAL = [0.4, 0.2, 0.1, 0.1, 0.1, 0.3, 1.0, 2.5, 4.0, 6.5, 7.5, 7.5,
           6.0, 7.0, 7.5, 7.0, 6.5, 6.0, 6.0, 6.5, 6.0, 4.5, 2.5, 1.2]
GOALS = {"ordinary": {"event_lag_s": 60.0}, "disaster": {"event_lag_s": 300.0}}
REQUEST_WAIT_GOAL_S = 0.1


_PLAN_ROW = re.compile(r"^\|\s*`?(gateway|registry|matching|notifications|reports)`?\s*\|"
                       r"\s*(\d+)\s*\|\s*(\d+)\s*\|")


def planned_copies(doc: Path = CAPACITY_DOC) -> dict[str, dict[str, int]]:
    """The plan's table: `| component | copies, ordinary day | copies, disaster day | …`."""
    copies = {}
    for line in doc.read_text(encoding="utf-8").splitlines():
        match = _PLAN_ROW.match(line)
        if match:
            copies[match.group(1)] = {"ordinary": int(match.group(2)), "disaster": int(match.group(3))}
    return copies


def consumers_of() -> dict[str, list[str]]:
    from deploy.platform import all_subscriptions
    consumers = defaultdict(list)
    for subscription in all_subscriptions():
        for event_type in subscription.event_types:
            consumers[event_type].append(subscription.service)
    return consumers


def producer_of(event_type: str) -> str:
    return event_type.split(".")[0]


def minute_rates(day: str) -> list[float]:
    """Events published per second, for each minute of the day."""
    per_day = EVENTS_PER_YEAR / 365
    weights = sum(DIURNAL)
    rates = []
    for hour, weight in enumerate(DIURNAL):
        rate = per_day * weight / weights / 3600
        if day == "disaster" and hour in DISASTER_HOURS:
            rate = per_day / 24 / 3600 * DISASTER_MULTIPLIER
        rates.extend([rate] * 60)
    return rates


def simulate(day: str, copies: dict[str, dict[str, int]], rates: dict[str, float]) -> dict[str, dict]:
    consumers = consumers_of()
    total_mix = sum(MIX.values())
    consumed_share = defaultdict(float)   # of all events published, the share each service consumes
    produced_share = defaultdict(float)
    for event_type, weight in MIX.items():
        produced_share[producer_of(event_type)] += weight / total_mix
        for service in consumers.get(event_type, []):
            consumed_share[service] += weight / total_mix
    unconsumed = [t for t in MIX if not consumers.get(t)]
    assert not unconsumed, f"events no service consumes: {unconsumed}"
    results = {}
    per_minute = minute_rates(day)
    for component in ("registry", "matching", "notifications", "reports", "gateway"):
        n = copies[component][day]
        if component == "gateway":
            capacity = n * rates["gateway"]
            inflow = [r * REQUESTS_PER_EVENT for r in per_minute]
        else:
            # A copy's core serves its consumer and its relay: time = consumed/consumer + published/relay.
            cost = consumed_share[component] / rates["consumer"] + produced_share[component] / rates["relay"]
            capacity = n / cost if cost else float("inf")  # in published events/s the service keeps up with
            inflow = per_minute
        backlog, worst_lag, peak_load = 0.0, 0.0, 0.0
        for rate in inflow:
            backlog = max(0.0, backlog + (rate - capacity) * 60)
            worst_lag = max(worst_lag, backlog / capacity if capacity else float("inf"))
            peak_load = max(peak_load, rate / capacity if capacity else float("inf"))
        consumed = max(inflow) * (1 if component == "gateway" else consumed_share[component])
        results[component] = {"copies": n, "peak_in": max(inflow), "capacity": capacity,
                              "peak_consumed": consumed,
                              "peak_utilisation": peak_load, "worst_lag_s": worst_lag,
                              "backlog_at_midnight": backlog}
    return results


def verdicts(day: str, results: dict[str, dict]) -> list[str]:
    failures = []
    for component, result in results.items():
        if result["backlog_at_midnight"] > 0:
            failures.append(f"{day}: {component} still has a backlog at midnight")
        if component == "gateway":
            # An M/M/c queue stays under 100 ms of waiting while utilisation stays under ~0.8.
            if result["peak_utilisation"] > 0.8:
                failures.append(f"{day}: gateway at {result['peak_utilisation']:.0%} of its copies' capacity")
        elif result["worst_lag_s"] > GOALS[day]["event_lag_s"]:
            failures.append(f"{day}: {component} lags {result['worst_lag_s']:.0f} s "
                            f"(goal {GOALS[day]['event_lag_s']:.0f} s)")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--consumer-rate", type=float, default=MEASURED["consumer"])
    parser.add_argument("--relay-rate", type=float, default=MEASURED["relay"])
    parser.add_argument("--gateway-rate", type=float, default=MEASURED["gateway"])
    args = parser.parse_args()
    rates = {"consumer": args.consumer_rate * SAFETY, "relay": args.relay_rate * SAFETY,
             "gateway": args.gateway_rate * SAFETY}
    copies = planned_copies()
    assert set(copies) == {"gateway", "registry", "matching", "notifications", "reports"}, copies
    print(f"{EVENTS_PER_YEAR:,} events a year ({EVENTS_PER_YEAR / 365 / 86400:.1f}/s on average), "
          f"{REQUESTS_PER_EVENT} requests per event; per copy (×{SAFETY}): consumer "
          f"{rates['consumer']:,.0f} events/s, relay {rates['relay']:,.0f}/s, gateway {rates['gateway']:,.0f} req/s")
    failures = []
    for day in ("ordinary", "disaster"):
        results = simulate(day, copies, rates)
        print(f"\n{day} day")
        print(f"  {'component':14s} {'copies':>6s} {'peak in /s':>11s} {'consumed /s':>12s} "
              f"{'capacity /s':>12s} {'peak use':>9s} {'worst lag':>10s}")
        for component, r in results.items():
            print(f"  {component:14s} {r['copies']:6d} {r['peak_in']:11,.1f} {r['peak_consumed']:12,.1f} "
                  f"{r['capacity']:12,.0f} "
                  f"{r['peak_utilisation']:9.0%} {r['worst_lag_s']:9.1f}s")
        failures += verdicts(day, results)
        gateway = results["gateway"]
        report(f"capacity plan, {day} day: gateway peak use with {gateway['copies']} copies",
               gateway["peak_utilisation"] * 100, "%", goal="≤ 80 %", met=gateway["peak_utilisation"] <= 0.8)
        lag = max(r["worst_lag_s"] for name, r in results.items() if name != "gateway")
        report(f"capacity plan, {day} day: worst event lag", lag, "s",
               goal=f"≤ {GOALS[day]['event_lag_s']:.0f} s", met=lag <= GOALS[day]["event_lag_s"])
    print("\nthe plan holds" if not failures else "\nthe plan does NOT hold:\n  " + "\n  ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
