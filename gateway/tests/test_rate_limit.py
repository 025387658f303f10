from gateway.rate_limit import RateLimiter


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_burst_passes_then_the_flood_waits_for_refill():
    clock = FakeClock()
    limiter = RateLimiter(per_minute=60, burst=3, clock=clock)
    assert [limiter.take("k") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("k") == 1.0  # one token a second
    clock.now = 1.0
    assert limiter.take("k") == 0.0
    assert limiter.take("k") > 0


def test_keys_have_their_own_buckets():
    limiter = RateLimiter(per_minute=60, burst=1, clock=FakeClock())
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0
    assert limiter.take("b") == 0.0


def test_refill_never_exceeds_the_burst():
    clock = FakeClock()
    limiter = RateLimiter(per_minute=60, burst=2, clock=clock)
    clock.now = 3600.0
    assert [limiter.take("k") == 0.0 for _ in range(3)] == [True, True, False]


def test_cost_zero_only_looks():
    limiter = RateLimiter(per_minute=60, burst=1, clock=FakeClock())
    assert limiter.take("k", cost=0) == 0.0
    assert limiter.take("k", cost=0) == 0.0
    assert limiter.take("k") == 0.0
    assert limiter.take("k", cost=0) > 0
