"""The whole platform as real processes, for end-to-end and reliability tests."""
import json
import os
import random
import socket
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import requests

from deploy import platform
from gateway.api_keys import create_key
from services.common.database import database_url, make_engine


def free_port_base() -> int:
    """A gateway port whose service ports (base+101 … base+104) are free too, below the kernel's
    ephemeral range: while the readiness probe polls a port nobody listens on yet, a client socket
    given that same port as its source connects to itself and reads its own request back."""
    lowest_ephemeral = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0]) \
        if Path("/proc/sys/net/ipv4/ip_local_port_range").exists() else 32768
    while True:
        base = random.randrange(10_000, lowest_ephemeral - 200)
        if all(_is_free(base + offset) for offset in (0, 101, 102, 103, 104)):
            return base


def _is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class RunningPlatform:
    def __init__(self, supervisor, ports, key, data_dir: Path, amqp_uri: str):
        self.supervisor = supervisor
        self.amqp_uri = amqp_uri
        self.ports = ports
        self.operator_key = key
        self.data_dir = data_dir
        self.url = f"http://127.0.0.1:{ports.of('gateway')}/api/v1"

    def call(self, method: str, path: str, key: str | None = None, body=None, **kwargs):
        headers = {"Authorization": f"Bearer {key or self.operator_key}", **kwargs.pop("headers", {})}
        if method == "POST":
            headers.setdefault("Idempotency-Key", str(uuid.uuid4()))
        if body is not None:
            kwargs["data"] = json.dumps(body, ensure_ascii=False).encode()
            headers.setdefault("Content-Type", "application/json")
        return requests.request(method, self.url + path, headers=headers, timeout=30, **kwargs)

    def key_for(self, role: str, subject_id: str | None = None) -> str:
        response = self.call("POST", "/api-keys", body={
            "role": role, "label": f"test {role}", **({"subject_id": subject_id} if subject_id else {})})
        assert response.status_code == 201, response.text
        return response.json()["key"]

    def business(self) -> str:
        """A newly registered business: a partner key must act for one."""
        response = self.call("POST", "/organisations", body={
            "name": f"テスト商事{uuid.uuid4().hex[:6]}", "name_kana": "てすとしょうじ", "kind": "business",
            "region": "kuga", "fields": ["environment"], "description": "試験用の事業者です。"})
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def logs(self, component: str) -> str:
        return (self.data_dir / "logs" / f"{component}.log").read_text(errors="replace")


# A test platform's data is thrown away with it, so its processes get a moment to stop on their
# own, not the 15 s a real one gets (nameko takes 3–6 s to wind down its consumers under load).
STOP_GRACE_SECONDS = 1.0


@contextmanager
def running_platform(data_dir: Path, amqp_uri: str, env: dict | None = None):
    # Tests drive keys far harder than people do; the rate-limit test sets its own limits.
    settings = {"KYODO_DATA_DIR": str(data_dir), "KYODO_AMQP_URI": amqp_uri,
                "KYODO_RPC_TIMEOUT": "5", "KYODO_RATE_LIMIT_PER_MINUTE": "100000",
                "KYODO_RATE_LIMIT_BURST": "10000", "KYODO_AUTH_FAILURES_PER_MINUTE": "10000",
                **(env or {})}
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    supervisor = None
    try:
        platform.prepare(amqp_uri)
        ports = platform.Ports(free_port_base())
        supervisor = platform.start(ports, data_dir / "logs")
        platform.wait_until_ready(ports, timeout=90)
        _, key = create_key(make_engine(database_url("gateway")), "operator", "tests")
        yield RunningPlatform(supervisor, ports, key, data_dir, amqp_uri)
    finally:
        if supervisor is not None:
            supervisor.stop(timeout=STOP_GRACE_SECONDS)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def eventually(check, timeout: float = 30.0, interval: float = 0.2):
    """Poll until `check()` returns a truthy value (events take a moment to flow)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s; last result: {result!r}")
        time.sleep(interval)
