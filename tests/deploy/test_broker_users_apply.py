"""What docker-compose.yml's broker-users one-shot runs: the definitions, with passwords from the
environment, sent to a real broker's management API; afterwards each component logs in as its
own user with its own password, and with no other."""
import os
import subprocess
import sys
from pathlib import Path

import kombu
import pytest

from deploy import broker_users
from tests.support.rabbitmq import PrivateBroker, free_port

pytestmark = [pytest.mark.broker, pytest.mark.timeout(300)]
ROOT = Path(__file__).resolve().parents[2]


class ManagedBroker(PrivateBroker):
    """A private node with the management API (the compose image has it)."""

    def __init__(self):
        super().__init__()
        self.management_url = f"http://127.0.0.1:{free_port()}"
        (self.base / "plugins").write_text("[rabbitmq_management].\n")
        with (self.base / "rabbitmq.conf").open("a") as conf:
            conf.write(f"management.tcp.ip = 127.0.0.1\n"
                       f"management.tcp.port = {self.management_url.rsplit(':', 1)[1]}\n")


def logs_in(uri: str) -> bool:
    try:
        with kombu.Connection(uri, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1)
        return True
    except Exception:
        return False


def test_the_compose_one_shot_creates_every_component_user():
    broker = ManagedBroker()
    broker.start()
    try:
        components = list(broker_users.all_permissions(broker_users.platform_consuming()))
        passwords = {c: f"{c}-{os.urandom(6).hex()}" for c in components}
        env = {**os.environ, "PYTHONPATH": str(ROOT), "KYODO_RABBITMQ_USER": "guest",
               "KYODO_RABBITMQ_PASSWORD": "guest",
               **{f"KYODO_BROKER_PASSWORD_{c.upper()}": pw for c, pw in passwords.items()}}
        done = subprocess.run([sys.executable, "-m", "deploy.broker_users", "--passwords-from-env",
                               "--apply-to", broker.management_url], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        for component, password in passwords.items():
            assert logs_in(f"amqp://kyodo-{component}:{password}@127.0.0.1:{broker.port}/"), component
            assert not logs_in(f"amqp://kyodo-{component}:{passwords['gateway']}x@127.0.0.1:{broker.port}/")
    finally:
        broker.destroy()
