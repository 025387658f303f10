"""Prepare and start the whole platform on one machine (also what the end-to-end tests use)."""
import os
import socket
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import kombu

from deploy.supervisor import ProcessSpec, Supervisor
from services.common import topology
from services.common.database import database_url
from services.common.migrations import upgrade
from deploy.components import COMPONENTS, DEFAULT_HTTP_PORTS, SERVICE_NAMES
from services.common.settings import amqp_uri

RABBITMQ_HELP = """\
RabbitMQ is not reachable at {uri} ({error}).
RabbitMQ に接続できません。次のいずれかで起動してください / start one of these:
  - on this machine:   sudo rabbitmq-server -detached   (Debian: apt-get install rabbitmq-server)
  - with Docker:       docker compose up -d rabbitmq
  - elsewhere:         export KYODO_AMQP_URI=amqp://user:password@host:5672/vhost
"""


class BrokerUnreachable(Exception):
    pass


def check_broker(uri: str | None = None) -> None:
    uri = uri or amqp_uri()
    try:
        with kombu.Connection(uri, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as exc:
        parsed = urlparse(uri)
        shown = f"{parsed.scheme}://{parsed.hostname}:{parsed.port or 5672}{parsed.path}"
        raise BrokerUnreachable(RABBITMQ_HELP.format(uri=shown, error=type(exc).__name__)) from exc


def all_subscriptions() -> list[topology.Subscription]:
    from deploy.service_main import service_class
    return [cls.subscription for cls in map(service_class, SERVICE_NAMES)
            if getattr(cls, "subscription", None) is not None]


def prepare(uri: str | None = None) -> None:
    """Migrate every database and declare the whole broker topology before anything runs."""
    for component in COMPONENTS:
        upgrade(component, database_url(component))
    with kombu.Connection(uri or amqp_uri()) as connection:
        topology.declare(connection, all_subscriptions(), rpc_services=SERVICE_NAMES)


@dataclass(frozen=True)
class Ports:
    base: int = 8000

    def of(self, component: str) -> int:
        return self.base + DEFAULT_HTTP_PORTS[component] - DEFAULT_HTTP_PORTS["gateway"]


def process_specs(ports: Ports, host: str = "127.0.0.1") -> list[ProcessSpec]:
    python = sys.executable
    specs = [ProcessSpec(name, [python, "-m", "deploy.service_main", name],
                         {"KYODO_HTTP_ADDRESS": f"{host}:{ports.of(name)}"})
             for name in SERVICE_NAMES]
    specs.append(ProcessSpec("gateway", [python, "-m", "gateway.main"],
                             {"KYODO_HTTP_ADDRESS": f"{host}:{ports.of('gateway')}"}))
    return specs


def wait_until_ready(ports: Ports, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    for component in COMPONENTS:
        url = f"http://127.0.0.1:{ports.of(component)}/health/ready"
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{component} not ready at {url} after {timeout:.0f}s")
            time.sleep(0.2)


def start(ports: Ports, log_dir: Path) -> Supervisor:
    supervisor = Supervisor(process_specs(ports), log_dir)
    supervisor.start()
    return supervisor


def data_dir() -> Path:
    return Path(os.environ.get("KYODO_DATA_DIR", "var")).resolve()
