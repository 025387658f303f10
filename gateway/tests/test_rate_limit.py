from gateway.rate_limit import FailedAuthentications, RateLimiter


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


class CountingLimiter(RateLimiter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = 0

    def take(self, key, cost=1):
        self.calls += 1
        return super().take(key, cost)


def test_failed_authentications_block_an_address_and_good_clients_skip_the_check():
    clock = FakeClock()
    shared = CountingLimiter(per_minute=3, clock=clock)
    failures = FailedAuthentications(shared, clock=clock)
    assert failures.wait("10.0.0.1") == 0.0 and shared.calls == 0  # never failed: no look
    for _ in range(3):
        assert failures.wait("10.0.0.1") == 0.0
        failures.failed("10.0.0.1")
    assert failures.wait("10.0.0.1") > 0
    assert failures.wait("10.0.0.2") == 0.0
    clock.now += 61  # a minute without failures: the bucket has refilled, no look again
    calls = shared.calls
    assert failures.wait("10.0.0.1") == 0.0 and shared.calls == calls


def test_failures_seen_by_another_gateway_copy_count_once_this_one_sees_a_failure():
    clock = FakeClock()
    shared = RateLimiter(per_minute=3, clock=clock)
    copy_a, copy_b = FailedAuthentications(shared, clock=clock), FailedAuthentications(shared, clock=clock)
    for _ in range(3):
        copy_a.failed("10.0.0.1")
    assert copy_b.wait("10.0.0.1") == 0.0  # b has seen none: it lets one more try through
    copy_b.failed("10.0.0.1")
    assert copy_b.wait("10.0.0.1") > 0
