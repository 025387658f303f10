"""Entrypoints every service carries for operators: health probes and dead-letter handling."""
import json
import logging

import kombu
from nameko.dependency_providers import Config
from nameko.extensions import DependencyProvider
from nameko.timer import timer
from nameko.web.handlers import http

from services.common import metrics
from services.common.actor import Actor
from services.common.direct_publisher import DirectPublisher
from services.common.message_pruning import PruningSettings
from services.common.nameko_correlation import CorrelationContext
from services.common.nameko_tracing import TraceContext
from services.common.errors import Conflict, Forbidden
from services.common.nameko_rpc import rpc
from services.common.nameko_events import consume_dead_letters
from services.common.tracing import TRACE_KEYS


# Read when a service starts: a bad KYODO_PRUNE_* value stops it with the reason.
PRUNING = PruningSettings.from_environment()


class QueuePublisher(DependencyProvider):
    def setup(self):
        self.publisher = DirectPublisher(self.container.config["AMQP_URI"])

    def stop(self):
        self.publisher.close()

    def get_dependency(self, worker_ctx):
        return self.publisher


class HealthEndpoints:
    """/health/live: the process answers. /health/ready: its database and broker answer too.

    Every service has these, so the worker's correlation context rides along here too.
    """

    config = Config()
    correlation_id = CorrelationContext()
    trace_context = TraceContext()

    @http("GET", "/health/live")
    def health_live(self, request):
        return 200, {"Content-Type": "application/json"}, json.dumps({"status": "live"})

    @http("GET", "/metrics")
    def metrics(self, request):
        try:
            self.uow.read_messaging_gauges()
        except Exception:  # a scrape still gets the counters when the database is down
            log.warning("could not read the outbox and dead-letter gauges", exc_info=True)
        body, content_type = metrics.exposition()
        return 200, {"Content-Type": content_type}, body

    @http("GET", "/health/ready")
    def health_ready(self, request):
        checks = {"database": _check(self.uow.check_database),
                  "broker": _check(lambda: _ping_broker(self.config["AMQP_URI"]))}
        ready = all(result == "ok" for result in checks.values())
        body = json.dumps({"status": "ready" if ready else "not_ready", "checks": checks})
        return (200 if ready else 503), {"Content-Type": "application/json"}, body


class DeadLetterOperations:
    """Park what consumers gave up on; let an operator list it and send one round again."""

    queue_publisher = QueuePublisher()

    @consume_dead_letters()
    def park_dead_letter(self, letter):
        with self.uow as uow:
            uow.dead_letters.park(letter)
            uow.commit()

    @rpc
    def list_dead_letters(self, actor, request):
        require_operator(actor)
        with self.uow as uow:
            return {"items": uow.dead_letters.list(
                include_replayed=request.get("include_replayed") in (True, "true", "1"))}

    @rpc
    def replay_dead_letter(self, actor, request):
        require_operator(actor)
        letter_id = int(request["letter_id"])
        with self.uow as uow:
            letter = uow.dead_letters.get(letter_id)
        if letter["replayed_at"]:
            raise Conflict(f"dead letter {letter_id} was already replayed / 再送済みです")
        # Published with no transaction open (a SQLite writer waiting on the broker's confirm
        # would block every other writer in this eventlet process), then marked in a short
        # transaction. A mark that fails, or a concurrent replay, sends the letter twice, which
        # the inbox absorbs; marking first could lose it.
        self.queue_publisher.to_queue(
            f"{self.name}.events", json.dumps(letter["event"], ensure_ascii=False).encode(),
            message_id=letter["message_id"], content_type="application/json",
            headers={"type": letter["type"], "x-kyodo-replayed-from": letter_id,
                     **{key: letter["headers"][key] for key in TRACE_KEYS if letter["headers"].get(key)}})
        with self.uow as uow:
            uow.dead_letters.mark_replayed(letter_id)
            uow.commit()
        return {"replayed": letter_id}


class MessagePruning:
    """Every hour (KYODO_PRUNE_INTERVAL_SECONDS), sent outbox rows older than a week and inbox
    rows older than 30 days go, in batches (services/common/message_pruning.py). Copies of a
    service each prune; they delete disjoint or already-deleted rows, which is harmless."""

    @timer(interval=PRUNING.interval_seconds)
    def prune_messages(self):
        pruned = self.uow.prune_messages(PRUNING)
        if pruned.outbox or pruned.inbox:
            log.info("messaging tables pruned", extra={"outbox_rows": pruned.outbox,
                                                       "inbox_rows": pruned.inbox})


log = logging.getLogger(__name__)


def require_operator(actor: Actor) -> None:
    if not actor.is_operator:
        raise Forbidden("運営者のみ操作できます / operators only")


def _ping_broker(amqp_uri: str) -> None:
    with kombu.Connection(amqp_uri, connect_timeout=2) as connection:
        connection.ensure_connection(max_retries=1)


def _check(probe) -> str:
    try:
        probe()
        return "ok"
    except Exception as exc:  # the probe reports, it never raises
        return f"failed: {type(exc).__name__}"
