"""Prepare and start the whole platform on one machine (also what the end-to-end tests use)."""
import os
import secrets
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
from services.common import signed_actor, topology
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


class ScaleRefused(Exception):
    """`--scale` asked for something this platform cannot run; the message says why."""


# Copies of one service answer health checks on ports COPY_PORT_STEP apart.
MAX_COPIES = 9
COPY_PORT_STEP = 10


def parse_scale(text: str | None) -> dict[str, int]:
    """`matching=3,notifications=2` → {"matching": 3, "notifications": 2}, checked."""
    scale: dict[str, int] = {}
    for part in filter(None, (text or "").split(",")):
        name, _, count = part.strip().partition("=")
        if name not in SERVICE_NAMES:
            hint = (" (the gateway runs once here; behind a load balancer run more with compose "
                    "or Kubernetes)" if name == "gateway" else "")
            raise ScaleRefused(f"--scale: unknown service {name!r}{hint}; services: "
                               f"{', '.join(SERVICE_NAMES)} / 不明なサービスです")
        if not count.isdigit() or not 1 <= int(count) <= MAX_COPIES:
            raise ScaleRefused(f"--scale {part}: copies must be 1–{MAX_COPIES} / 台数は1〜{MAX_COPIES}")
        scale[name] = int(count)
    for name, count in scale.items():
        url = database_url(name)
        if count > 1 and url.startswith("sqlite"):
            raise ScaleRefused(
                f"{name} uses SQLite ({url.removeprefix('sqlite:///')}), which has one writer: it runs "
                f"as one copy only. To run {count} copies give it PostgreSQL, e.g. "
                f"KYODO_{name.upper()}_DATABASE_URL=postgresql+psycopg2://user:password@host/kyodo_{name}\n"
                f"{name} は SQLite のため 1 台のみ起動できます。複数台には PostgreSQL を指定してください。")
    return scale


def copies(scale: dict[str, int] | None) -> list[tuple[str, str, int]]:
    """(process name, component, copy number) of every process, copy 1 named as the component."""
    scale = scale or {}
    return [(name if copy == 1 else f"{name}-{copy}", name, copy)
            for name in COMPONENTS for copy in range(1, scale.get(name, 1) + 1)]


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

    def of(self, component: str, copy: int = 1) -> int:
        return (self.base + DEFAULT_HTTP_PORTS[component] - DEFAULT_HTTP_PORTS["gateway"]
                + COPY_PORT_STEP * (copy - 1))


def process_specs(ports: Ports, host: str = "127.0.0.1",
                  scale: dict[str, int] | None = None) -> list[ProcessSpec]:
    """Copies of a service are the same service (one RPC queue, one events queue): the broker
    shares the work among them as competing consumers."""
    python = sys.executable
    signing_keys = actor_signing_keys()
    return [ProcessSpec(process, [python, "-m", "gateway.main"] if component == "gateway"
                        else [python, "-m", "deploy.service_main", component],
                        {"KYODO_HTTP_ADDRESS": f"{host}:{ports.of(component, copy)}",
                         "KYODO_COPY": str(copy), signed_actor.SIGNING_KEY_VARIABLE: signing_keys,
                         **_own_broker_user(component)})
            for process, component, copy in copies(scale)]


def _own_broker_user(component: str) -> dict[str, str]:
    """KYODO_<COMPONENT>_AMQP_URI, when set, is that component's broker user (broker_users.py)."""
    uri = os.environ.get(f"KYODO_{component.upper()}_AMQP_URI")
    return {"KYODO_AMQP_URI": uri} if uri else {}


SIGNING_KEY_FILE = "actor-signing.key"


def actor_signing_keys() -> str:
    """KYODO_ACTOR_SIGNING_KEY when set (compose and Kubernetes read it from a secret); else a key
    generated once into the data folder, readable by its owner only, given to every process."""
    if os.environ.get(signed_actor.SIGNING_KEY_VARIABLE):
        return os.environ[signed_actor.SIGNING_KEY_VARIABLE]
    path = data_dir() / SIGNING_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def wait_until_ready(ports: Ports, timeout: float = 60.0, scale: dict[str, int] | None = None) -> None:
    deadline = time.monotonic() + timeout
    for _, component, copy in copies(scale):
        url = f"http://127.0.0.1:{ports.of(component, copy)}/health/ready"
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


def start(ports: Ports, log_dir: Path, scale: dict[str, int] | None = None) -> Supervisor:
    supervisor = Supervisor(process_specs(ports, scale=scale), log_dir)
    supervisor.start()
    return supervisor


def data_dir() -> Path:
    return Path(os.environ.get("KYODO_DATA_DIR", "var")).resolve()
