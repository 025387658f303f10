"""Each component's broker user, made from deploy/broker_users.py on a private vhost of the real
broker, may declare, publish and consume what that component needs, and nothing of another's."""
import json
import re
import uuid
from contextlib import contextmanager

import amqp
import kombu
import pytest
from amqp.exceptions import AccessRefused, NotAllowed

from deploy import broker_users
from services.common import topology
from tests.support.broker_users import component_users

pytestmark = pytest.mark.broker

CONSUMING = broker_users.platform_consuming()
PERMISSIONS = broker_users.all_permissions(CONSUMING, broker_users.platform_rpc_calls())


def test_the_committed_definitions_are_generated_from_the_topology():
    committed = json.loads(broker_users.DEFINITIONS_FILE.read_text())
    assert committed == broker_users.definitions(PERMISSIONS)
    assert "guest" not in {user["name"] for user in committed["users"]}
    assert {user["password_hash"] for user in committed["users"]} == {""}  # no secret in git


def test_passwords_come_from_the_environment_and_are_kept_hashed():
    environ = {f"KYODO_BROKER_PASSWORD_{c.upper()}": f"pw-{c}" for c in PERMISSIONS}
    passwords, admin = broker_users.passwords_from_env(
        PERMISSIONS, {**environ, "KYODO_RABBITMQ_USER": "admin", "KYODO_RABBITMQ_PASSWORD": "a"})
    made = broker_users.definitions(PERMISSIONS, passwords=passwords, admin=admin)
    assert "pw-registry" not in json.dumps(made)
    with pytest.raises(SystemExit, match="KYODO_BROKER_PASSWORD_GATEWAY"):
        broker_users.passwords_from_env(PERMISSIONS, {k: v for k, v in environ.items() if "GATEWAY" not in k})


@pytest.fixture(scope="module")
def users(module_vhost_uri):
    with component_users(module_vhost_uri) as uris:
        yield uris


@contextmanager
def channel_of(uri):
    with kombu.Connection(uri) as connection:
        channel = connection.channel()
        yield channel


def refused(uri, action) -> bool:
    with channel_of(uri) as channel:
        try:
            action(channel)
        except (AccessRefused, NotAllowed) as refusal:
            return "ACCESS_REFUSED" in str(refusal) or "access" in str(refusal).lower()
    return False


def publish(exchange: str, routing_key: str):
    return lambda channel: channel.basic_publish_confirm(amqp.Message(b"{}"), exchange=exchange, routing_key=routing_key)


def test_migrate_declares_the_whole_topology(users):
    from deploy.platform import all_subscriptions
    with kombu.Connection(users[broker_users.MIGRATE]) as connection:
        topology.declare(connection, all_subscriptions(), rpc_services=tuple(CONSUMING))
    assert refused(users[broker_users.MIGRATE], publish(topology.EVENTS_EXCHANGE, "registry.x"))


def test_each_service_consumes_and_publishes_its_own_and_nothing_else(users):
    for service, consumes in CONSUMING.items():
        uri = users[service]
        other = next(s for s, c in CONSUMING.items() if c and s != service)
        with channel_of(uri) as channel:
            topology.rpc_queue(service)(channel).declare()
            channel.basic_consume(f"rpc-{service}", callback=lambda message: None)
            if consumes:
                subscription = topology.Subscription(service, frozenset())
                for queue in (topology.events_queue(subscription), topology.dead_queue(subscription),
                              topology.retry_queue(subscription, 1000)):
                    queue(channel).declare()
                channel.basic_consume(subscription.queue_name, callback=lambda message: None)
            channel.basic_publish_confirm(amqp.Message(b"{}"), exchange=topology.EVENTS_EXCHANGE,
                                  routing_key=f"{service}.something_happened")
            channel.basic_publish_confirm(amqp.Message(b"{}"), exchange="nameko-rpc", routing_key=str(uuid.uuid4()))  # a reply
        assert refused(uri, publish(topology.EVENTS_EXCHANGE, f"{other}.something_happened")), service
        assert refused(uri, publish("nameko-rpc", f"{other}.get_organisation")), service
        assert refused(uri, lambda channel: channel.basic_consume(
            f"{other}.events", callback=lambda message: None)), service
        assert refused(uri, lambda channel: topology.rpc_queue(other)(channel).declare()), service


def test_the_gateway_calls_services_and_reads_only_its_replies(users):
    uri, reply_key = users["gateway"], str(uuid.uuid4())
    with channel_of(uri) as channel:
        reply_queue = kombu.Queue(f"rpc.reply-gateway-{reply_key}", kombu.Exchange("nameko-rpc", "topic"),
                                  routing_key=reply_key, exclusive=True, auto_delete=True)
        reply_queue(channel).declare()
        channel.basic_consume(reply_queue.name, callback=lambda message: None)
        for service in CONSUMING:
            channel.basic_publish_confirm(amqp.Message(b"{}"), exchange="nameko-rpc", routing_key=f"{service}.get_organisation")
    assert refused(uri, publish(topology.EVENTS_EXCHANGE, "registry.organisation_registered"))
    assert refused(uri, publish("nameko-rpc", str(uuid.uuid4())))  # a forged reply
    assert refused(uri, lambda channel: channel.basic_consume("rpc-registry", callback=lambda m: None))
    assert refused(uri, lambda channel: kombu.Queue("registry.events")(channel).declare())


def test_every_pattern_is_anchored():
    for permissions in PERMISSIONS.values():
        for pattern in (permissions.configure, permissions.write, permissions.read):
            assert pattern.startswith("^") and pattern.endswith("$")
            re.compile(pattern)
