"""Nameko glue: a unit of work per worker and the outbox relay.

Each service process runs its own relay greenthread; copies of a service on PostgreSQL share
the outbox safely (SKIP LOCKED). KYODO_RELAY=off runs a copy without one.
"""
import os
import threading

from nameko.extensions import DependencyProvider

from services.common.confirming_publisher import ConfirmingPublisher
from services.common.database import database_url, make_engine, make_session_factory
from services.common.event_contracts import EventCatalogue
from services.common.messaging_tables import MessagingTables
from services.common.municipality import configured_municipality_code
from services.common.outbox_relay import OutboxRelay


class Persistence(DependencyProvider):
    def __init__(self, uow_class, catalogue: EventCatalogue, tables: MessagingTables):
        self.uow_class = uow_class
        self.catalogue = catalogue
        self.tables = tables

    def setup(self):
        configured_municipality_code()  # a bad city profile stops the service now, not at a commit
        service = self.container.service_name
        self.engine = make_engine(self.container.config.get("DATABASE_URL") or database_url(service))
        self.session_factory = make_session_factory(self.engine)
        self.relay = OutboxRelay(self.engine, self.tables,
                                 ConfirmingPublisher(self.container.config["AMQP_URI"]))
        self._stopping = threading.Event()

    def start(self):
        if os.environ.get("KYODO_RELAY", "on") != "off":
            self.container.spawn_managed_thread(lambda: self.relay.run(self._stopping))

    def stop(self):
        self._stopping.set()
        self.relay.wake.set()

    def kill(self):
        self.stop()

    def get_dependency(self, worker_ctx):
        return self.uow_class(self.session_factory, self.container.service_name, self.catalogue,
                              self.tables, after_commit=self.relay.wake.set)
