"""PII canaries: unique strings put in personal fields, then looked for everywhere they must
never be (events on the broker, dead letters, outbox rows, logs)."""
import json
import secrets
from pathlib import Path

import kombu
from sqlalchemy import create_engine, inspect, text

from services.common.topology import events_exchange


def canary_text() -> str:
    return f"canary{secrets.token_hex(6)}"


def canary_digits() -> str:
    return "090" + "".join(str(secrets.randbelow(10)) for _ in range(8))


def forms(canary: str) -> list[str]:
    """The canary as it may be written: raw, and JSON-escaped (logs escape non-ASCII)."""
    return list({canary, json.dumps(canary)[1:-1], json.dumps(canary, ensure_ascii=False)[1:-1]})


def found_in(text_: str, canaries: dict[str, str]) -> list[str]:
    """The names of the canaries that appear in `text_`."""
    return [name for name, canary in canaries.items() if any(f in text_ for f in forms(canary))]


class EventTap:
    """A queue bound to every event type, declared before the workload: it keeps a copy of
    every event published, so the scan sees events consumers already took."""

    def __init__(self, amqp_uri: str, name: str = "fault-tests.pii-tap"):
        self.amqp_uri = amqp_uri
        self.queue = kombu.Queue(name, exchange=events_exchange(), routing_key="#", durable=True)

    def declare(self) -> None:
        with kombu.Connection(self.amqp_uri) as connection:
            self.queue(connection.default_channel).declare()

    def drain(self) -> list[str]:
        bodies = []
        with kombu.Connection(self.amqp_uri) as connection:
            queue = self.queue(connection.default_channel)
            while (message := queue.get(no_ack=True)) is not None:
                bodies.append(message.body.decode("utf-8", "replace") if isinstance(message.body, bytes)
                              else str(message.body))
        return bodies


def peek_queues(amqp_uri: str, names: list[str]) -> list[str]:
    """Every message waiting on these queues, read and put back."""
    bodies = []
    with kombu.Connection(amqp_uri) as connection:
        channel = connection.channel()
        for name in names:
            taken = []
            while (message := channel.basic_get(name, no_ack=False)) is not None:
                taken.append(message)
                bodies.append(message.body.decode("utf-8", "replace") if isinstance(message.body, bytes)
                              else str(message.body))
            for message in taken:
                channel.basic_reject(message.delivery_tag, requeue=True)
        channel.close()
    return bodies


def database_rows(database_url: str, tables: tuple[str, ...] = ("outbox", "dead_letters")) -> list[str]:
    engine = create_engine(database_url)
    try:
        present = set(inspect(engine).get_table_names())
        rows = []
        with engine.connect() as connection:
            for table in tables:
                if table in present:
                    rows += [json.dumps([str(v) for v in row], ensure_ascii=False)
                             for row in connection.execute(text(f"SELECT * FROM {table}"))]
        return rows
    finally:
        engine.dispose()


def log_text(log_dir: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(log_dir.glob("*.log")))
