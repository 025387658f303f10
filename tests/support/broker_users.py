"""Per-component broker users on a private vhost, loaded from deploy/broker_users.py's
definitions (with hashed passwords) the way the broker loads them."""
import json
import os
import tempfile
import uuid
from contextlib import contextmanager

import kombu

from deploy import broker_users
from tests.support.platform import eventually
from tests.support.rabbitmq import MACHINE_BROKER, _ctl


@contextmanager
def component_users(vhost_uri: str):
    """component → an AMQP URI as that component's own user on the vhost of `vhost_uri`."""
    vhost = vhost_uri.rsplit("/", 1)[1]
    permissions = broker_users.all_permissions(broker_users.platform_consuming(), broker_users.platform_rpc_calls())
    prefix = f"kyodo-test-{uuid.uuid4().hex[:8]}-"
    passwords = {component: uuid.uuid4().hex for component in permissions}
    with tempfile.NamedTemporaryFile("w", dir="/tmp", suffix=".json") as file:
        json.dump(broker_users.definitions(permissions, vhost, passwords, prefix=prefix), file)
        file.flush()
        os.chmod(file.name, 0o644)  # rabbitmqctl reads it as the broker's user
        _ctl("import_definitions", file.name)
    scheme, address = MACHINE_BROKER.split("//")[0], MACHINE_BROKER.split("@")[1]
    uris = {component: f"{scheme}//{prefix}{component}:{password}@{address}/{vhost}"
            for component, password in passwords.items()}
    try:
        eventually(lambda: all(map(_logs_in, uris.values())), timeout=30)  # the import is async
        yield uris
    finally:
        for component in permissions:
            _ctl("delete_user", f"{prefix}{component}")


def _logs_in(uri: str) -> bool:
    try:
        with kombu.Connection(uri, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
            return True
    except Exception:
        return False
