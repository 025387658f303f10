"""What a fault test reads from and does to RabbitMQ through `rabbitmqctl`: queue depths,
the node's delivery counters, and closing every client connection."""
import re
import subprocess
from urllib.parse import unquote, urlparse


def vhost_of(amqp_uri: str) -> str:
    path = urlparse(amqp_uri).path
    return unquote(path[1:]) if len(path) > 1 else "/"


def _ctl(args: list[str], node: str | None, timeout: float = 60) -> str:
    command = ["rabbitmqctl", *(["-n", node] if node else []), "-q", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout).stdout


def queue_depths(amqp_uri: str, node: str | None = None) -> dict[str, tuple[int, int]]:
    """{queue: (ready, unacknowledged)} for every queue of the URI's vhost (RPC reply queues,
    which nameko names `rpc.reply-…`, are left out: they are per client)."""
    out = _ctl(["list_queues", "-p", vhost_of(amqp_uri), "--no-table-headers",
                "name", "messages_ready", "messages_unacknowledged"], node)
    depths = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("rpc.reply"):
            continue
        depths[parts[0]] = (_int(parts[1]), _int(parts[2]))
    return depths


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:  # a quorum queue without a leader answers '' for a moment
        return -1


def close_all_connections(amqp_uri: str, node: str | None = None, reason: str = "fault test") -> int:
    """Close every client connection of the URI's vhost; return how many there were."""
    vhost = vhost_of(amqp_uri)
    before = connection_count(amqp_uri, node)
    _ctl(["close_all_connections", "-p", vhost, reason], node)
    return before


def connection_count(amqp_uri: str, node: str | None = None) -> int:
    vhost = vhost_of(amqp_uri)
    out = _ctl(["list_connections", "--no-table-headers", "vhost"], node)
    return sum(1 for line in out.splitlines() if line.strip() == vhost)


def consumer_count(amqp_uri: str, queue: str, node: str | None = None) -> int:
    out = _ctl(["list_queues", "-p", vhost_of(amqp_uri), "--no-table-headers", "name", "consumers"], node)
    for line in out.splitlines():
        name, _, count = line.partition("\t")
        if name == queue:
            return _int(count)
    return 0


def redelivered_total(node: str | None = None) -> int:
    """Messages the node delivered again (after a consumer died with them unacked), all
    queue types together, since the node started: meaningful on a private node only."""
    out = _ctl(["eval", "rabbit_global_counters:overview()."], node)
    return sum(int(n) for n in re.findall(r"messages_redelivered_total\s*=>\s*(\d+)", out))
