"""Token buckets: a burst is allowed, a sustained flood gets 429.

`RateLimiter` keeps its buckets in the gateway process: with N copies behind a balancer a key
gets up to N times the rate. With KYODO_REDIS_URL set, `shared_rate_limiter` gives every copy
the same buckets in Redis (gateway/redis_rate_limit.py).
"""
import os
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

    def take(self, key: str, cost: int = 1) -> float:
        """0 if the request may pass, else the seconds until it would. `cost=0` only looks."""
        with self._lock:
            now = self._clock()
            bucket = self._buckets.setdefault(key, _Bucket(self.capacity, now))
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1:
                bucket.tokens -= cost
                return 0.0
            return (1 - bucket.tokens) / self.rate


def shared_rate_limiter(name: str, per_minute: int, burst: int | None = None):
    """Shared through Redis when KYODO_REDIS_URL is set, else this process's own."""
    local = RateLimiter(per_minute, burst)
    url = os.environ.get("KYODO_REDIS_URL")
    if not url:
        return local
    from gateway.redis_rate_limit import RedisRateLimiter
    return RedisRateLimiter(url, name, per_minute, burst, fallback=local)


class FailedAuthentications:
    """Failed authentications per client address, limited through `limiter` (shared or not).

    An address that has failed in this process within the last minute is checked against the
    limiter before its key is looked up; one that has not skips that check, so clients with
    good keys pay nothing for it (a Redis round trip). Across N gateway copies a guesser gets at
    most N - 1 more tries than the limit allows.
    """

    WINDOW_SECONDS = 60.0

    def __init__(self, limiter, size: int = 10_000, clock=time.monotonic):
        self._limiter = limiter
        self._size = size
        self._clock = clock
        self._last_failure: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, address: str) -> float:
        """0 if the address may try a key, else the seconds until it may."""
        with self._lock:
            failed = self._last_failure.get(address)
        if failed is None or self._clock() - failed > self.WINDOW_SECONDS:
            return 0.0
        return self._limiter.take(f"address:{address}", cost=0)

    def failed(self, address: str) -> None:
        with self._lock:
            if len(self._last_failure) >= self._size:
                self._last_failure.clear()
            self._last_failure[address] = self._clock()
        self._limiter.take(f"address:{address}")
