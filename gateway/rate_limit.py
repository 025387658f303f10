"""Per-API-key token buckets: a burst is allowed, a sustained flood gets 429.

State lives in the gateway process (the gateway owns rate-limit state and no business data);
with N gateway copies behind a balancer a key gets up to N times the rate, which is the usual
trade against a shared store on every request.
"""
import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, per_minute: int, burst: int | None = None, clock=time.monotonic):
        self.rate = per_minute / 60.0
        self.capacity = float(burst or per_minute)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 if the request may pass, else the seconds until it would."""
        with self._lock:
            now = self._clock()
            bucket = self._buckets.setdefault(key, _Bucket(self.capacity, now))
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate
