"""The whole platform runs with one broker user per component (deploy/broker_users.py): the
migrate step declares the topology, a write flows through the gateway, registry publishes its
event and reports consumes it, and no component was refused anything."""
import subprocess

import pytest

from tests.support.broker_users import component_users
from tests.support.platform import eventually, running_platform

pytestmark = pytest.mark.broker

ORGANISATION = {"name": "専用ユーザーの会", "name_kana": "せんようゆーざーのかい", "kind": "citizen_group",
                "region": "yu", "fields": ["welfare"]}


def test_the_platform_runs_with_its_own_broker_users(tmp_path, vhost_uri):
    with component_users(vhost_uri) as users:
        own_users = {f"KYODO_{component.upper()}_AMQP_URI": uri for component, uri in users.items()}
        with running_platform(tmp_path, users["migrate"], env=own_users) as platform:
            assert platform.call("POST", "/organisations", body=ORGANISATION).status_code == 201

            def counted_by_reports():
                summary = platform.call("GET", "/reports/summary").json()
                return [r for r in summary["regions"] if r["region"] == "yu" and r["organisations"]]
            eventually(counted_by_reports, timeout=60)
            connected = subprocess.run(["rabbitmqctl", "-q", "list_connections", "user"],
                                       capture_output=True, text=True, check=True).stdout
            for component in ("gateway", "registry", "matching", "notifications", "reports"):
                assert users[component].split("//")[1].split(":")[0] in connected, component
                assert "ACCESS_REFUSED" not in platform.logs(component), component
