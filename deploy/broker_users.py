"""One broker user per component, allowed only its own queues and exchanges (no guest).

  python -m deploy.broker_users                      the definitions, no passwords (review, diff)
  python -m deploy.broker_users --passwords-from-env --out FILE
                                                     the same with each user's password hashed,
                                                     read from KYODO_BROKER_PASSWORD_<COMPONENT>
                                                     (and KYODO_RABBITMQ_USER/_PASSWORD for the
                                                     administrator): for rabbitmqctl
                                                     import_definitions or load_definitions
  python -m deploy.broker_users --passwords-from-env --apply-to http://rabbitmq:15672
                                                     the same, sent to the management API as
                                                     the administrator (docker-compose.yml)

Every name comes from services/common/topology.py, so the permissions follow the topology.
RabbitMQ checks configure/write/read against queue and exchange names, and, on topic exchanges,
write against the routing key a user publishes with: so a service publishes only its own event
types and RPC replies, and only the gateway sends RPC requests. Publishing to the default
exchange (`amq.default`: retries, parking, replays) cannot be limited by queue name; signed
actors (services/common/signed_actor.py) keep RPC safe from that.
"""
import argparse
import base64
import hashlib
import json
import os
import re
import secrets
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from deploy.components import SERVICE_NAMES
from services.common import topology

RPC_EXCHANGE = "nameko-rpc"  # nameko's RPC exchange (topology.rpc_queue)
# nameko 2.14's RPC reply queue, one per proxy: rpc.reply-<caller>-<uuid>, bound by the uuid,
# which is also the routing key of every reply.
REPLY_ROUTING_KEY = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# Retries, parking and replays publish through the default exchange; declaring a queue whose
# dead letters go through it needs write on it too.
_DEAD_LETTER_EXCHANGE = r"amq\.default"
MIGRATE = "migrate"  # declares the whole topology before anything runs (deploy.platform.prepare)
DEFINITIONS_FILE = Path(__file__).parent / "rabbitmq" / "definitions.json"


@dataclass(frozen=True)
class Permissions:
    configure: str
    write: str
    read: str
    topic: dict[str, tuple[str, str]]  # exchange → (write, read) routing-key patterns


def user_name(component: str, prefix: str = "kyodo-") -> str:
    return f"{prefix}{component}"


def _names(*names: str) -> str:
    return "^(" + "|".join(names) + ")$"


def _service_queues(service: str, consumes: bool) -> list[str]:
    queues = [re.escape(topology.rpc_queue(service).name)]
    if consumes:
        subscription = topology.Subscription(service, frozenset())
        queues += [re.escape(subscription.queue_name), re.escape(subscription.dead_queue_name),
                   re.escape(subscription.retry_queue_name(0)).removesuffix("0") + r"\d+"]
    return queues


def service_permissions(service: str, consumes: bool, calls: tuple[str, ...] = ()) -> Permissions:
    """A service: its RPC queue and, if it consumes events, its events, retry and dead queues;
    it publishes its own events and RPC replies, nothing else — and, when it calls other services
    by RPC (`calls`), its own reply queues and requests to those services."""
    queues = _service_queues(service, consumes)
    if calls:
        queues.append(_reply_queues(service))
    exchanges = [re.escape(RPC_EXCHANGE), re.escape(topology.EVENTS_EXCHANGE)]
    rpc_write, rpc_read = REPLY_ROUTING_KEY, f"^{re.escape(service)}\\.\\*$"
    if calls:
        rpc_write = f"{rpc_write}|^({'|'.join(map(re.escape, calls))})\\."
        rpc_read = f"{rpc_read}|{REPLY_ROUTING_KEY}"
    return Permissions(
        configure=_names(*exchanges, *queues),
        write=_names(*exchanges, _DEAD_LETTER_EXCHANGE, *queues),
        read=_names(*exchanges, *queues),
        topic={RPC_EXCHANGE: (rpc_write, rpc_read),
               topology.EVENTS_EXCHANGE: (f"^{re.escape(service)}\\.", ".*")})


def _reply_queues(caller: str) -> str:
    return rf"rpc\.reply-{re.escape(caller)}-[0-9a-f-]+"


def gateway_permissions(services: tuple[str, ...]) -> Permissions:
    """The gateway: its own reply queues, and RPC requests to the services."""
    replies = _reply_queues("gateway")
    rpc = re.escape(RPC_EXCHANGE)
    return Permissions(configure=_names(rpc, replies), write=_names(rpc, replies),
                       read=_names(rpc, replies),
                       topic={RPC_EXCHANGE: ("^(" + "|".join(map(re.escape, services)) + r")\.",
                                             REPLY_ROUTING_KEY)})


def migrate_permissions(consuming: dict[str, bool]) -> Permissions:
    """The one-shot that declares every exchange, queue and binding (and KEDA, which reads
    queue depths): all of the platform's names, but it publishes nothing."""
    queues = [q for service, consumes in consuming.items() for q in _service_queues(service, consumes)]
    exchanges = [re.escape(RPC_EXCHANGE), re.escape(topology.EVENTS_EXCHANGE)]
    return Permissions(configure=_names(*exchanges, *queues),
                       write=_names(_DEAD_LETTER_EXCHANGE, *queues), read=_names(*exchanges, *queues),
                       topic={})


def all_permissions(consuming: dict[str, bool],
                    calls: dict[str, tuple[str, ...]] | None = None) -> dict[str, Permissions]:
    """component → its permissions; `consuming` says which services have an events queue,
    `calls` which other services each one calls by RPC."""
    calls = calls or {}
    return {**{service: service_permissions(service, consuming[service], calls.get(service, ()))
               for service in consuming},
            "gateway": gateway_permissions(tuple(consuming)), MIGRATE: migrate_permissions(consuming)}


def platform_consuming() -> dict[str, bool]:
    from deploy.platform import all_subscriptions
    consumers = {subscription.service for subscription in all_subscriptions()}
    return {service: service in consumers for service in SERVICE_NAMES}


def platform_rpc_calls() -> dict[str, tuple[str, ...]]:
    """service → the services its nameko class calls by RPC (its RpcProxy dependencies)."""
    from nameko.rpc import RpcProxy

    from deploy.service_main import service_class
    return {service: tuple(sorted(dependency.target_service
                                  for dependency in vars(service_class(service)).values()
                                  if isinstance(dependency, RpcProxy)))
            for service in SERVICE_NAMES}


def password_hash(password: str, salt: bytes | None = None) -> str:
    """RabbitMQ's rabbit_password_hashing_sha256: base64(salt + sha256(salt + password))."""
    salt = salt if salt is not None else secrets.token_bytes(4)
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def definitions(permissions: dict[str, Permissions], vhost: str = "/",
                passwords: dict[str, str] | None = None, admin: tuple[str, str] | None = None,
                prefix: str = "kyodo-") -> dict:
    """RabbitMQ definitions (rabbitmqctl import_definitions, or load_definitions at boot).
    Without passwords every hash is empty: no one can log in until the real file is made."""
    passwords = passwords or {}
    users = [{"name": user_name(c, prefix), "password_hash": password_hash(passwords[c]) if c in passwords else "",
              "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": []} for c in permissions]
    if admin:
        users.append({"name": admin[0], "password_hash": password_hash(admin[1]),
                      "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": ["administrator"]})
    return {
        "vhosts": [{"name": vhost}],
        "users": users,
        "permissions": [{"user": user_name(c, prefix), "vhost": vhost, "configure": p.configure,
                         "write": p.write, "read": p.read} for c, p in permissions.items()]
        + ([{"user": admin[0], "vhost": vhost, "configure": ".*", "write": ".*", "read": ".*"}]
           if admin else []),
        "topic_permissions": [{"user": user_name(c, prefix), "vhost": vhost, "exchange": exchange,
                               "write": write, "read": read}
                              for c, p in permissions.items() for exchange, (write, read) in p.topic.items()],
    }


def passwords_from_env(components, environ=os.environ) -> tuple[dict[str, str], tuple[str, str]]:
    missing = [f"KYODO_BROKER_PASSWORD_{c.upper()}" for c in components
               if not environ.get(f"KYODO_BROKER_PASSWORD_{c.upper()}")]
    missing += [name for name in ("KYODO_RABBITMQ_USER", "KYODO_RABBITMQ_PASSWORD") if not environ.get(name)]
    if missing:
        raise SystemExit(f"not set: {', '.join(missing)} / パスワードが設定されていません")
    return ({c: environ[f"KYODO_BROKER_PASSWORD_{c.upper()}"] for c in components},
            (environ["KYODO_RABBITMQ_USER"], environ["KYODO_RABBITMQ_PASSWORD"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.broker_users", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passwords-from-env", action="store_true")
    parser.add_argument("--vhost", default="/")
    parser.add_argument("--out", type=Path, help="write here (mode 600) instead of stdout")
    parser.add_argument("--apply-to", metavar="MANAGEMENT_URL",
                        help="import into this broker through its management API")
    args = parser.parse_args(argv)
    permissions = all_permissions(platform_consuming(), platform_rpc_calls())
    passwords, admin = passwords_from_env(permissions) if args.passwords_from_env else ({}, None)
    text = json.dumps(definitions(permissions, args.vhost, passwords, admin), indent=2) + "\n"
    if args.apply_to:
        if admin is None:
            raise SystemExit("--apply-to needs --passwords-from-env")
        apply(text, args.apply_to, admin)
    elif args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(text)
    return 0


def apply(text: str, management_url: str, admin: tuple[str, str]) -> None:
    """POST /api/definitions: the broker imports users and permissions as one document."""
    request = urllib.request.Request(
        management_url.rstrip("/") + "/api/definitions", data=text.encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": "Basic " + base64.b64encode(
            f"{admin[0]}:{admin[1]}".encode()).decode()})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status not in (200, 201, 204):
            raise SystemExit(f"the broker refused the definitions: HTTP {response.status}")


if __name__ == "__main__":
    sys.exit(main())
