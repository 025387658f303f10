"""The probe service under the platform's supervisor, and the workloads that feed it."""
import json
import sys
import time
import urllib.request
import uuid
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, insert

from deploy.supervisor import ProcessSpec, Supervisor
from services.common.confirming_publisher import ConfirmingPublisher, OutgoingMessage
from services.common.envelope import Envelope
from services.common.topology import EVENTS_EXCHANGE, RETRY_DELAYS_MS
from tests.faults import probe_service
from tests.support import checker
from tests.support.broker_faults import queue_depths
from tests.support.history import OK, REFUSED, UNKNOWN, History
from tests.support.rabbitmq import free_port

REGIONS = ("iwakuni", "yu", "kuga", "hongo", "shuto", "nishiki", "mikawa", "miwa")


def envelope(organisation_id: str | None = None) -> dict:
    organisation_id = organisation_id or str(uuid.uuid4())
    return Envelope(probe_service.EVENT_TYPE, 1, "registry", {
        "organisation_id": organisation_id, "kind": "npo",
        "region": REGIONS[hash(organisation_id) % len(REGIONS)], "fields": ["welfare"],
        "status": "verified"}, correlation_id=str(uuid.uuid4())).as_dict()


class Probe:
    def __init__(self, supervisor: Supervisor, database_url: str, amqp_uri: str, port: int,
                 node: str | None, name: str):
        self.supervisor = supervisor
        self.database_url = database_url
        self.amqp_uri = amqp_uri
        self.port = port
        self.node = node
        self.name = name
        self.engine = create_engine(database_url, connect_args=(
            {"timeout": 30} if database_url.startswith("sqlite") else {}))

    # --- state ---------------------------------------------------------------------------

    def effects(self) -> Counter:
        return checker.sql_counter(self.database_url,
                                   "SELECT message_id, count(*) FROM effects GROUP BY message_id")

    def effect_rows(self) -> int:
        return checker.sql_scalar(self.database_url, "SELECT count(*) FROM effects")

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health/ready", timeout=2) as r:
                return r.status == 200
        except Exception:
            return False

    def wait_ready(self, timeout: float = 60) -> float:
        started = time.monotonic()
        while not self.ready():
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"probe not ready after {timeout}s:\n{self.log()[-3000:]}")
            time.sleep(0.2)
        return time.monotonic() - started

    def log(self) -> str:
        return (self.log_dir / f"{self.name}.log").read_text(errors="replace")

    def queues(self) -> dict[str, tuple[int, int]]:
        return {q: d for q, d in queue_depths(self.amqp_uri, self.node).items() if q.startswith(self.name + ".")}

    def report(self, history: History) -> checker.Report:
        report = checker.Report()
        report.views.append(checker.compare(f"{self.name} effects", history, self.effects()))
        report.queues = {q: d for q, d in self.queues().items() if not q.endswith(".dead")}
        report.outbox_unsent = {self.name: checker.outbox_unsent(self.database_url)}
        report.dead_letters = {self.name: checker.dead_letters(self.database_url)}
        return report

    def wait_drained(self, history: History, timeout: float, expect_dead: int = 0) -> checker.Report:
        """Until every acknowledged event took effect and the queues and outbox are empty."""
        deadline = time.monotonic() + timeout
        while True:
            report = self.report(history)
            done = (report.view(f"{self.name} effects").lost == [] and report.drained
                    and report.dead >= expect_dead)
            if done or time.monotonic() > deadline:
                return report
            time.sleep(1.0)

    # --- workloads -----------------------------------------------------------------------

    def write_outbox(self, history: History, count: int, batch: int = 50) -> None:
        """Commands as a use case commits them: outbox rows in one transaction per batch.
        A committed batch is acknowledged; a failed commit is refused (nothing written)."""
        for start in range(0, count, batch):
            envelopes = [envelope() for _ in range(min(batch, count - start))]
            started = time.monotonic()
            now = datetime.now(timezone.utc)
            try:
                with self.engine.begin() as connection:
                    connection.execute(insert(probe_service.MESSAGING.outbox), [
                        {"message_id": e["id"], "type": e["type"], "created_at": now,
                         "available_at": now, "envelope": json.dumps(e)} for e in envelopes])
                outcome = OK
            except Exception as exc:  # noqa: BLE001 — recorded, not hidden
                outcome, detail = REFUSED, repr(exc)
            for e in envelopes:
                history.record(e["id"], "outbox", outcome, started)

    def dispose(self) -> None:
        self.engine.dispose()


def publish_confirmed(amqp_uri: str, history: History, count: int, batch: int = 200,
                      pause: float = 0.0) -> None:
    """Publish `count` fresh events straight to the broker with publisher confirms."""
    publish_envelopes(amqp_uri, history, (envelope() for _ in range(count)), batch, pause)


def publish_envelopes(amqp_uri: str, history: History, envelopes, batch: int = 200,
                      pause: float = 0.0) -> None:
    """Publish with publisher confirms, recording each event: confirmed → ok, nacked or
    returned → refused, no confirm or a broken connection → unknown. An unknown or refused
    event is published again under a new id, as the relay would republish its row."""
    publisher = ConfirmingPublisher(amqp_uri, confirm_timeout=5)
    pending = list(envelopes)
    while pending:
        chunk, pending = pending[:batch], pending[batch:]
        messages = [OutgoingMessage(e["id"], EVENTS_EXCHANGE, e["type"], json.dumps(e).encode(),
                                    {"type": e["type"], "correlation_id": e["correlation_id"]})
                    for e in chunk]
        started = time.monotonic()
        try:
            outcome = publisher.publish_batch(messages)
        except Exception as exc:  # noqa: BLE001 — the broker went away mid-batch
            for e in chunk:
                history.record(e["id"], "event", UNKNOWN, started, repr(exc))
            outcome = None
            publisher.close()
            time.sleep(0.5)
        if outcome is not None:
            for message_id in outcome.confirmed:
                history.record(message_id, "event", OK, started)
            for message_id in [*outcome.rejected, *outcome.unroutable]:
                history.record(message_id, "event", REFUSED, started)
            for message_id in outcome.unconfirmed:
                history.record(message_id, "event", UNKNOWN, started)
        confirmed = set(outcome.confirmed) if outcome else set()
        retry = [{**envelope(e["payload"]["organisation_id"]), "payload": e["payload"]}
                 for e in chunk if e["id"] not in confirmed]
        pending = retry + pending
        if pause:
            time.sleep(pause)
    publisher.close()


@contextmanager
def running_probe(data_dir: Path, amqp_uri: str, *, mode: str = "batch", node: str | None = None,
                  database_url: str | None = None, env: dict | None = None, start: bool = True):
    """The probe as a real process under deploy.supervisor (restarted whenever it exits)."""
    name = "probe"
    port = free_port()
    database_url = database_url or f"sqlite:///{data_dir / 'probe.sqlite3'}"
    spec_env = {"KYODO_AMQP_URI": amqp_uri, "KYODO_HTTP_ADDRESS": f"127.0.0.1:{port}",
                "KYODO_PROBE_DATABASE_URL": database_url, "KYODO_PROBE_MODE": mode,
                "KYODO_PROBE_NAME": name, **(env or {})}
    supervisor = Supervisor([ProcessSpec(name, [sys.executable, "-m", "tests.faults.probe_main"],
                                         spec_env)], data_dir / "logs")
    probe = Probe(supervisor, database_url, amqp_uri, port, node, name)
    probe.log_dir = data_dir / "logs"
    probe_service.metadata.create_all(probe.engine)  # so a test may write its outbox first
    try:
        if start:
            supervisor.start()
            probe.wait_ready()
        yield probe
    finally:
        supervisor.stop()
        probe.dispose()


def max_retry_wait() -> float:
    return sum(RETRY_DELAYS_MS) / 1000
