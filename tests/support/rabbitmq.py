"""RabbitMQ for tests: a private vhost on the machine's broker, or a private node to restart."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import kombu

MACHINE_BROKER = os.environ.get("KYODO_TEST_AMQP_BASE", "amqp://guest:guest@127.0.0.1:5672")


def _ctl(*args: str, node: str | None = None) -> None:
    command = ["rabbitmqctl", *(["-n", node] if node else []), "-q", *args]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


@contextmanager
def private_vhost():
    """A fresh vhost, so tests never share queues with a running platform or each other."""
    name = f"kyodo-test-{uuid.uuid4().hex[:10]}"
    _ctl("add_vhost", name)
    _ctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")
    try:
        yield f"{MACHINE_BROKER}/{name}"
    finally:
        _ctl("delete_vhost", name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateBroker:
    """A RabbitMQ node of our own (own name, port and data folder) that a test may restart."""

    def __init__(self):
        self.port = free_port()
        self.node = f"kyodo{self.port}@localhost"
        self.base = Path(tempfile.mkdtemp(prefix="kyodo-rabbit-"))
        (self.base / "plugins").write_text("[].\n")
        (self.base / "rabbitmq.conf").write_text(
            f"listeners.tcp.1 = 127.0.0.1:{self.port}\nloopback_users = none\n")
        # The Debian wrapper runs the node as the rabbitmq user.
        shutil.chown(self.base, "rabbitmq", "rabbitmq")
        for child in self.base.iterdir():
            shutil.chown(child, "rabbitmq", "rabbitmq")
        self.uri = f"amqp://guest:guest@127.0.0.1:{self.port}/"

    def _env(self) -> dict:
        return {**os.environ, "RABBITMQ_NODENAME": self.node,
                "RABBITMQ_CONFIG_FILE": str(self.base / "rabbitmq.conf"),
                "RABBITMQ_DIST_PORT": str(free_port()),
                "RABBITMQ_MNESIA_BASE": str(self.base / "mnesia"),
                "RABBITMQ_LOG_BASE": str(self.base / "log"),
                "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.base / "plugins"),
                "RABBITMQ_PID_FILE": str(self.base / "pid")}

    def start(self, timeout: float = 90) -> None:
        subprocess.run(["rabbitmq-server", "-detached"], env=self._env(), check=True,
                       capture_output=True, timeout=60)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with kombu.Connection(self.uri, connect_timeout=1) as connection:
                    connection.ensure_connection(max_retries=1)
                return
            except Exception:
                time.sleep(0.5)
        raise TimeoutError(f"private RabbitMQ {self.node} did not start (logs in {self.base}/log)")

    def stop(self) -> None:
        subprocess.run(["rabbitmqctl", "-n", self.node, "stop"], capture_output=True, timeout=60)

    def restart(self) -> None:
        self.stop()
        self.start()

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)
