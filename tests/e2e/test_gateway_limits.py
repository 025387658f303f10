"""The gateway under pressure: a flood gets 429, a dead broker 503 (never a hang), and the
platform comes back by itself when the broker does."""
import time

import pytest

from tests.support.platform import eventually, running_platform

pytestmark = pytest.mark.broker


def test_rate_limit_then_broker_outage_then_recovery(tmp_path, private_broker):
    limits = {"KYODO_RATE_LIMIT_PER_MINUTE": "60", "KYODO_RATE_LIMIT_BURST": "5"}
    with running_platform(tmp_path, private_broker.uri, env=limits) as platform:
        statuses = [platform.call("GET", "/reports/summary").status_code for _ in range(6)]
        assert statuses[:5] == [200] * 5 and statuses[5] == 429
        limited = platform.call("GET", "/reports/summary")
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
        assert limited.headers["Content-Type"].startswith("application/problem+json")

        time.sleep(1.1)  # one token back
        private_broker.stop()
        started = time.monotonic()
        response = platform.call("GET", "/reports/summary")
        waited = time.monotonic() - started
        assert response.status_code == 503, response.text
        assert response.headers["Content-Type"].startswith("application/problem+json")
        assert waited < 15

        private_broker.start()
        time.sleep(1.1)
        eventually(lambda: platform.call("GET", "/reports/summary").status_code == 200, timeout=90, interval=1.5)
