"""Rate limits shared through the machine's Redis (6379), and what happens when it is gone."""
import logging
import uuid

from gateway.rate_limit import RateLimiter
from gateway.redis_rate_limit import RedisRateLimiter

REDIS_URL = "redis://127.0.0.1:6379/0"


def test_two_gateway_limiters_share_one_bucket_in_redis():
    name = f"test-{uuid.uuid4()}"  # buckets of other runs stay apart
    first = RedisRateLimiter(REDIS_URL, name, per_minute=1, burst=4, fallback=RateLimiter(1, 4))
    second = RedisRateLimiter(REDIS_URL, name, per_minute=1, burst=4, fallback=RateLimiter(1, 4))
    answers = [limiter.take("key") for limiter in (first, second, first, second, first, second)]
    assert answers[:4] == [0.0] * 4
    assert answers[4] > 50 and answers[5] > 50  # a token a minute: about 60 s to wait
    assert first.take("another key") == 0.0
    assert second.take("key", cost=0) > 0


def test_redis_down_falls_back_to_the_process_limiter_with_a_warning(caplog):
    fallback = RateLimiter(per_minute=1, burst=2)
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0", "down", 1, 2, fallback=fallback)
    with caplog.at_level(logging.WARNING, logger="gateway.redis_rate_limit"):
        answers = [limiter.take("key") for _ in range(3)]
    assert answers[:2] == [0.0, 0.0] and answers[2] > 0  # the fallback's own bucket limits
    assert sum("redis unreachable" in r.message for r in caplog.records) == 1  # then it waits a while
