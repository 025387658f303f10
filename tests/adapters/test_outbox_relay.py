"""The relay against real RabbitMQ, on SQLite and PostgreSQL."""
import threading
import uuid

import kombu
import pytest
from sqlalchemy import func, select

from services.common.actor import Actor
from services.common.confirming_publisher import ConfirmingPublisher
from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.common.outbox_relay import OutboxRelay
from services.common.topology import events_exchange
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app.organisations import RegisterOrganisation, register_organisation
from services.registry.contract.events import PUBLISHED

pytestmark = pytest.mark.broker


@pytest.fixture
def outbox(database_url):
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    uow = SqlRegistryUnitOfWork(make_session_factory(engine), "registry", PUBLISHED, MESSAGING)
    yield engine, uow
    engine.dispose()


def fill(uow, count):
    for index in range(count):
        register_organisation(uow, Actor("operator"), RegisterOrganisation(
            organisation_id=str(uuid.uuid4()), name=f"団体{index}", name_kana="ダンタイ",
            kind="npo", region="yu", fields=["welfare"]), configured_city())


def unsent(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(MESSAGING.outbox)
                                  .where(MESSAGING.outbox.c.sent_at.is_(None))).scalar_one()


def listening_queue(amqp_uri):
    """A test queue bound to the event type, declared before publishing (as the platform does)."""
    connection = kombu.Connection(amqp_uri)
    queue = kombu.Queue(f"test-{uuid.uuid4().hex[:8]}", exchange=events_exchange(),
                        routing_key="registry.organisation_registered", durable=False, auto_delete=False)
    queue(connection.default_channel).declare()
    return connection, queue


def drain_ids(connection, queue) -> list[str]:
    ids = []
    bound = queue(connection.default_channel)
    while (message := bound.get(no_ack=True)) is not None:
        ids.append(message.properties["message_id"])
    return ids


def test_the_relay_publishes_every_row_once_and_marks_it_sent(outbox, vhost_uri):
    engine, uow = outbox
    connection, queue = listening_queue(vhost_uri)
    fill(uow, 120)
    relay = OutboxRelay(engine, MESSAGING, ConfirmingPublisher(vhost_uri), batch_size=50)
    assert [relay.relay_once() for _ in range(4)] == [50, 50, 20, 0]
    ids = drain_ids(connection, queue)
    assert len(ids) == len(set(ids)) == 120
    assert unsent(engine) == 0


def test_an_event_no_queue_is_bound_to_stays_in_the_outbox_and_is_retried_later(outbox, vhost_uri):
    engine, uow = outbox
    with kombu.Connection(vhost_uri) as connection:
        events_exchange()(connection.default_channel).declare()  # the exchange, but no queue
    fill(uow, 3)
    relay = OutboxRelay(engine, MESSAGING, ConfirmingPublisher(vhost_uri))
    relay.relay_once()
    with engine.connect() as connection:
        rows = connection.execute(select(MESSAGING.outbox)).all()
    assert len(rows) == 3 and all(r.sent_at is None and r.attempts == 1 for r in rows)
    assert all("unroutable" in r.last_error for r in rows)
    assert relay.relay_once() == 0  # backing off: not yet due again


def test_two_relays_share_one_postgresql_outbox_without_sending_a_row_twice(postgres_url, vhost_uri):
    """Several relays per database is a PostgreSQL deployment (SKIP LOCKED); SQLite has one writer."""
    upgrade("registry", postgres_url)
    engine = make_engine(postgres_url)
    uow = SqlRegistryUnitOfWork(make_session_factory(engine), "registry", PUBLISHED, MESSAGING)
    connection, queue = listening_queue(vhost_uri)
    fill(uow, 400)
    relays = [OutboxRelay(engine, MESSAGING, ConfirmingPublisher(vhost_uri), batch_size=25)
              for _ in range(2)]
    handled = [0, 0]

    def run(index):
        while (count := relays[index].relay_once()) > 0:
            handled[index] += count
    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    ids = drain_ids(connection, queue)
    assert sum(handled) == 400 and all(handled), handled
    assert len(ids) == len(set(ids)) == 400
    assert unsent(engine) == 0
    engine.dispose()
