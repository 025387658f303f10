"""A workload's history: every command sent, with what the system answered.

The way Jepsen-style checkers work: a command is `ok` (the system said it took effect),
`refused` (the system said it did not: a 4xx, a broker nack, an unroutable return) or
`unknown` (no answer in time, a connection dropped mid-call, a 5xx). The checker later
compares the effects found in every service with this record.
"""
import statistics
import threading
import time
from dataclasses import dataclass, field

OK, REFUSED, UNKNOWN = "ok", "refused", "unknown"


@dataclass
class Operation:
    key: str            # what identifies the command's effect (an event id, an organisation id…)
    kind: str
    outcome: str
    started: float      # time.monotonic()
    latency: float      # seconds until the answer (or until we gave up)
    detail: str = ""


@dataclass
class History:
    operations: list[Operation] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # Invoked and not answered yet: a checker reading state meanwhile may see their effects.
    _pending: set = field(default_factory=set, repr=False)

    def begin(self, key: str) -> None:
        """The command is about to be sent (optional: only for checks made under load)."""
        with self._lock:
            self._pending.add(key)

    def record(self, key: str, kind: str, outcome: str, started: float, detail: str = "") -> Operation:
        assert outcome in (OK, REFUSED, UNKNOWN), outcome
        operation = Operation(key, kind, outcome, started, time.monotonic() - started, detail[:300])
        with self._lock:
            self.operations.append(operation)
            self._pending.discard(key)
        return operation

    def keys(self, outcome: str, kind: str | None = None) -> set[str]:
        with self._lock:
            return {o.key for o in self.operations
                    if o.outcome == outcome and (kind is None or o.kind == kind)}

    def acknowledged(self, kind: str | None = None) -> set[str]:
        return self.keys(OK, kind)

    def unknown(self, kind: str | None = None) -> set[str]:
        """Unknown outcomes, and commands still waiting for their answer."""
        with self._lock:
            pending = set(self._pending)
        return self.keys(UNKNOWN, kind) | pending

    def counts(self) -> dict[str, int]:
        with self._lock:
            outcomes = [o.outcome for o in self.operations]
        return {outcome: outcomes.count(outcome) for outcome in (OK, REFUSED, UNKNOWN)}

    def latencies(self, since: float | None = None, kind: str | None = None) -> list[float]:
        with self._lock:
            return [o.latency for o in self.operations
                    if (since is None or o.started >= since) and (kind is None or o.kind == kind)]

    def since(self, started: float) -> "History":
        with self._lock:
            return History([o for o in self.operations if o.started >= started])


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def latency_figures(values: list[float]) -> str:
    if not values:
        return "no calls"
    return (f"p50 {percentile(values, 0.5) * 1000:.0f} ms, p99 {percentile(values, 0.99) * 1000:.0f} ms, "
            f"max {max(values) * 1000:.0f} ms, mean {statistics.fmean(values) * 1000:.0f} ms")
