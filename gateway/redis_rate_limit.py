"""Token buckets in Redis, shared by every gateway copy: one atomic Lua script per request.

Redis down or slow must not take the gateway with it: the limiter then falls back to the
process's own buckets (a warning, no 500) and tries Redis again after RETRY_SECONDS.
"""
import logging
import threading
import time

import redis

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0

# KEYS[1]: the bucket. ARGV: tokens per second, capacity, cost (0 only looks).
# Redis's own clock, so copies on machines with skewed clocks agree.
TOKEN_BUCKET = """
local rate, capacity, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1]) or capacity
local updated = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - updated) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - cost else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 1)
return tostring(wait)
"""


class RedisRateLimiter:
    def __init__(self, url: str, name: str, per_minute: int, burst: int | None, fallback,
                 clock=time.monotonic):
        self.rate = per_minute / 60.0
        self.capacity = float(burst or per_minute)
        self._prefix = f"kyodo:rate:{name}:"
        self._client = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25)
        self._script = self._client.register_script(TOKEN_BUCKET)
        self._fallback = fallback
        self._clock = clock
        self._down_until = 0.0
        self._lock = threading.Lock()

    def take(self, key: str, cost: int = 1) -> float:
        if self._clock() >= self._down_until:
            try:
                return float(self._script(keys=[self._prefix + key], args=[self.rate, self.capacity, cost]))
            except redis.RedisError as exc:
                with self._lock:
                    self._down_until = self._clock() + RETRY_SECONDS
                log.warning("redis unreachable: rate limits are per process until it is back",
                            extra={"error": repr(exc)})
        return self._fallback.take(key, cost)
