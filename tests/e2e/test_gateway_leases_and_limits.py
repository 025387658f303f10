"""The gateway under crashes and floods: an Idempotency-Key left in flight by a crashed gateway
is taken over after its lease; failed authentication is limited per client address; two gateway
processes share one rate limit through Redis, and a Redis that is down costs no request."""
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

import pytest
import requests

from deploy import platform as processes
from tests.support.platform import running_platform
from tests.support.rabbitmq import free_port

pytestmark = pytest.mark.broker

LEASE_SECONDS = 20
ORGANISATION = {"name": "リース確認の会", "name_kana": "りーすかくにんのかい", "kind": "citizen_group",
                "region": "kuga", "fields": ["environment"], "description": "再送の試験です。"}


@pytest.fixture(scope="module")
def leased(tmp_path_factory, module_vhost_uri):
    # Redis configured but nothing listening: every limit falls back to the process's own.
    env = {"KYODO_IDEMPOTENCY_LEASE_SECONDS": str(LEASE_SECONDS), "KYODO_AUTH_FAILURES_PER_MINUTE": "5",
           "KYODO_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}
    with running_platform(tmp_path_factory.mktemp("leased"), module_vhost_uri, env=env) as running:
        yield running


def test_a_request_in_flight_when_the_gateway_crashed_is_taken_over_after_the_lease(leased):
    same = {"Idempotency-Key": str(uuid.uuid4())}
    leased.supervisor.kill("registry", signal.SIGSTOP)  # the first call waits in the gateway …
    try:
        first = threading.Thread(target=lambda: _ignore_errors(
            lambda: leased.call("POST", "/organisations", body=ORGANISATION, headers=same)))
        first.start()
        time.sleep(1.5)
        leased.supervisor.kill("gateway")  # … which dies mid-request (RPC timeout is 5 s)
        first.join()
    finally:
        leased.supervisor.kill("registry", signal.SIGCONT)
    crashed_at = time.monotonic()
    processes.wait_until_ready(leased.ports, timeout=60)

    waiting = leased.call("POST", "/organisations", body=ORGANISATION, headers=same)
    assert waiting.status_code == 409, waiting.text
    retry_after = int(waiting.headers["Retry-After"])
    assert 1 <= retry_after <= LEASE_SECONDS
    time.sleep(max(retry_after, LEASE_SECONDS - (time.monotonic() - crashed_at)) + 0.5)
    taken_over = leased.call("POST", "/organisations", body=ORGANISATION, headers=same)
    assert taken_over.status_code == 201, taken_over.text
    replay = leased.call("POST", "/organisations", body=ORGANISATION, headers=same)
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json()["id"] == taken_over.json()["id"]
    named = leased.call("GET", "/organisations", params={"q": "リース確認の会"}).json()["items"]
    assert [o["id"] for o in named] == [taken_over.json()["id"]]  # one organisation, not two


def test_failed_authentication_is_limited_per_client_address(leased):
    def with_key(key):
        return requests.get(leased.url + "/reports/summary", timeout=10,
                            headers={"Authorization": f"Bearer {key}"})

    assert [with_key(f"kyd_guess{n}").status_code for n in range(5)] == [401] * 5
    limited = with_key("kyd_guess-again")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert with_key(leased.operator_key).status_code == 429  # refused before any key lookup


def test_a_configured_redis_that_is_down_costs_a_warning_not_an_error(leased):
    assert "redis unreachable" in leased.logs("gateway")
    assert "Traceback" not in leased.logs("gateway")


def test_two_gateway_processes_share_one_rate_limit_through_redis(tmp_path, vhost_uri):
    limits = {"KYODO_REDIS_URL": "redis://127.0.0.1:6379/0", "KYODO_RATE_LIMIT_PER_MINUTE": "1",
              "KYODO_RATE_LIMIT_BURST": "6"}
    with running_platform(tmp_path, vhost_uri, env=limits) as running:
        port = free_port()
        with open(tmp_path / "gateway-2.log", "wb") as log:
            second = subprocess.Popen([sys.executable, "-m", "gateway.main"], stdout=log,
                                      stderr=subprocess.STDOUT,
                                      env={**os.environ, "KYODO_HTTP_ADDRESS": f"127.0.0.1:{port}"})
        try:
            _wait_ready(f"http://127.0.0.1:{port}/health/ready")
            urls = [running.url, f"http://127.0.0.1:{port}/api/v1"]
            statuses = [requests.get(urls[n % 2] + "/reports/summary", timeout=10, headers={
                "Authorization": f"Bearer {running.operator_key}"}).status_code for n in range(8)]
        finally:
            second.terminate()
            second.wait(timeout=15)
    # Six tokens for the key across both copies (not six each), then 429 on either.
    assert statuses == [200] * 6 + [429, 429]


def _wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def _ignore_errors(call) -> None:
    try:
        call()
    except requests.RequestException:
        pass  # the gateway died under it: that is the point
