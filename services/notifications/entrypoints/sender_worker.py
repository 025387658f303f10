"""The sender as a nameko dependency: a managed green thread that claims due deliveries and
sends them on a bounded pool, outside any event handler's transaction.

A slow endpoint or SMTP server holds at most `per_target` slots (each send has a timeout), so
other recipients keep moving; the event consumer never waits on a send.
"""
import logging
import threading
import time
from collections import defaultdict

import eventlet
from eventlet.semaphore import Semaphore
from nameko.extensions import DependencyProvider

from services.common.database import database_url, make_engine, make_session_factory
from services.notifications.adapters.host_resolver import SocketHostResolver
from services.notifications.adapters.line_channel import LineMessagingChannel
from services.notifications.adapters.smtp_channel import SmtpChannel, SmtpSettings
from services.notifications.adapters.webhook_channel import HttpWebhookChannel
from services.notifications.app import digests, sending
from services.notifications.app.ports import Channels
from services.notifications.domain.delivery import EMAIL, LINE
from services.notifications.entrypoints import delivery_settings

log = logging.getLogger(__name__)

BATCH = 200  # deliveries claimed at most per round


class SenderWorker(DependencyProvider):
    def __init__(self, uow_class, catalogue, tables, poll_seconds: float = 0.2):
        self.uow_class, self.catalogue, self.tables = uow_class, catalogue, tables
        self.poll_seconds = poll_seconds
        self._next_digest_run = 0.0

    def setup(self):
        service = self.container.service_name
        engine = make_engine(self.container.config.get("DATABASE_URL") or database_url(service))
        self.session_factory = make_session_factory(engine)
        self.channels = Channels(SmtpChannel(SmtpSettings.from_environment()),
                                 HttpWebhookChannel(delivery_settings.webhook_timeout(),
                                                    SocketHostResolver(),
                                                    delivery_settings.webhooks_allow_private()),
                                 LineMessagingChannel.from_environment())
        self.links = delivery_settings.links()
        self.pool = eventlet.GreenPool(delivery_settings.sender_concurrency())
        per_target = delivery_settings.per_target_concurrency()
        self.target_slots = defaultdict(lambda: Semaphore(per_target))
        self._stopping = threading.Event()
        self._outcomes: list[sending.Outcome] = []

    def start(self):
        self.container.spawn_managed_thread(self._run)

    def stop(self):
        self._stopping.set()

    def kill(self):
        self._stopping.set()

    def _uow(self):
        return self.uow_class(self.session_factory, self.container.service_name, self.catalogue,
                              self.tables)

    def _run(self):
        """Claim what the pool can take, send it there, record what finished — in batches, so
        a send costs no transaction of its own and a slow target never holds up the rest."""
        while not self._stopping.is_set():
            self._build_due_digests()
            try:
                free = self.pool.free()
                claimed = sending.claim_due(self._uow(), limit=min(free, BATCH)) if free else []
                for job in sending.prepare(self._uow(), self.links, claimed):
                    self.pool.spawn_n(self._transmit, job)
                self._flush()
            except Exception:
                log.exception("the sender's round failed; retrying")
                self._stopping.wait(1.0)
                continue
            if not claimed:
                self._stopping.wait(self.poll_seconds)
        self.pool.waitall()
        self._flush()

    def _transmit(self, job):
        # One bound for the SMTP server, one for LINE's API, one per webhook endpoint.
        target = job.delivery.channel if job.delivery.channel in (EMAIL, LINE) \
            else job.delivery.target_id
        with self.target_slots[target]:
            outcome = sending.transmit(self.channels, job)
        self._outcomes.append(outcome)

    def _flush(self):
        outcomes, self._outcomes = self._outcomes, []
        if outcomes:
            try:
                sending.record(self._uow(), outcomes)
            except Exception:
                # Left claimed: the lease runs out and they are sent again (at least once).
                log.exception("recording delivery outcomes failed",
                              extra={"deliveries": len(outcomes)})

    def _build_due_digests(self):
        """The digest job, on this process's schedule: idempotent, so copies of the service
        running it too, or a run after downtime, build each digest once."""
        if time.monotonic() < self._next_digest_run:
            return
        self._next_digest_run = time.monotonic() + delivery_settings.digest_interval()
        try:
            digests.build_digests(self._uow(), sending.utc_now())
        except Exception:
            log.exception("building digests failed; the next run catches up")

    def get_dependency(self, worker_ctx):
        return self
