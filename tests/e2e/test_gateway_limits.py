"""The gateway under pressure: a flood gets 429, a dead broker 503 (never a hang), and the
platform comes back by itself when the broker does."""
import time

import pytest

from gateway.api_keys import create_key
from services.common.database import database_url, make_engine
from tests.support.platform import eventually, running_platform

pytestmark = pytest.mark.broker


def test_rate_limit_then_broker_outage_then_recovery(tmp_path, private_broker):
    # One token a minute: nothing refills while the test runs, however slow the machine.
    limits = {"KYODO_RATE_LIMIT_PER_MINUTE": "1", "KYODO_RATE_LIMIT_BURST": "5"}
    with running_platform(tmp_path, private_broker.uri, env=limits) as platform:
        statuses = [platform.call("GET", "/reports/summary").status_code for _ in range(6)]
        assert statuses[:5] == [200] * 5 and statuses[5] == 429
        limited = platform.call("GET", "/reports/summary")
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
        assert limited.headers["Content-Type"].startswith("application/problem+json")

        # New keys straight from the gateway's store: the operator key has no tokens left.
        gateway_db = make_engine(database_url("gateway"))
        fresh = create_key(gateway_db, "operator", "outage")[1]
        recovery = create_key(gateway_db, "operator", "recovery")[1]
        private_broker.stop()
        started = time.monotonic()
        response = platform.call("GET", "/reports/summary", fresh)
        waited = time.monotonic() - started
        assert response.status_code == 503, response.text
        assert response.headers["Content-Type"].startswith("application/problem+json")
        assert waited < 15

        private_broker.start()
        eventually(lambda: platform.call("GET", "/reports/summary", recovery).status_code == 200,
                   timeout=60, interval=12)  # at most five calls: the key's whole burst
