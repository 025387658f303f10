"""Registry's organisation events applied in batches by matching, notifications and reports, on
SQLite and PostgreSQL (schemas from the migrations): a batch's read-model rows are written
together at its commit (services/common/deferred_writes.py), yet a later event of the batch reads
what an earlier one wrote, a redelivered batch changes nothing, and a batch that fails leaves
nothing behind, so its events can be applied one by one."""
import uuid

import pytest
from sqlalchemy import func, select

from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.event_handling import apply_batch
from services.common.migrations import upgrade


def organisation_event(event_type: str, organisation_id: str, **changes) -> dict:
    payload = {"organisation_id": organisation_id, "kind": "npo", "region": "yu", "fields": ["welfare"],
               "status": "pending", "founded_year": None, "legal_form": None, **changes}
    return Envelope(event_type, 1, "registry", payload, correlation_id=str(uuid.uuid4())).as_dict()


def registered(organisation_id: str, **changes) -> dict:
    return organisation_event("registry.organisation_registered", organisation_id, **changes)


class Consumer:
    """One service's unit of work, catalogue and handlers, as its batch consumer uses them."""

    def __init__(self, service: str, database_url: str):
        upgrade(service, database_url)
        self.engine = make_engine(database_url)
        if service == "matching":
            from services.matching.adapters.tables import MESSAGING, known_organisations as table
            from services.matching.adapters.unit_of_work import SqlMatchingUnitOfWork as Uow
            from services.matching.app.event_handlers import EVENT_HANDLERS as handlers
            from services.matching.contract.events import PUBLISHED
            from services.matching.entrypoints.consumed_events import CONSUMED
        elif service == "notifications":
            from services.notifications.adapters.tables import MESSAGING, organisation_kinds as table
            from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork as Uow
            from services.notifications.app.event_handlers import EVENT_HANDLERS as handlers
            from services.notifications.contract.events import PUBLISHED
            from services.notifications.entrypoints.consumed_events import CONSUMED
        else:
            from services.reports.adapters.tables import MESSAGING, organisation_facts as table
            from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork as Uow
            from services.reports.app.event_handlers import EVENT_HANDLERS
            from services.reports.app.replay import recorded
            from services.reports.contract.events import PUBLISHED
            from services.reports.entrypoints.consumed_events import CONSUMED

            def handlers(envelope):  # as reports' service wraps them: logged with their effect
                return recorded(EVENT_HANDLERS[envelope["type"]], envelope["type"], envelope["version"],
                                envelope["occurred_at"], envelope["payload"])
        self.table, self.catalogue, self.handlers = table, CONSUMED, handlers
        self.uow = Uow(make_session_factory(self.engine), service, PUBLISHED, MESSAGING)
        self.inbox = MESSAGING.inbox

    def apply(self, bodies: list[dict], handlers=None) -> int:
        events = [self.catalogue.load_incoming(body) for body in bodies]
        return apply_batch(self.uow, events, handlers or self.handlers)

    def rows(self) -> list[dict]:
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(
                select(self.table).order_by(self.table.c.organisation_id))]

    def count(self, table) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(table)).scalar()


@pytest.fixture(params=["matching", "notifications", "reports"])
def consumer(request, database_url):
    consumer = Consumer(request.param, database_url)
    yield consumer
    consumer.engine.dispose()


def test_a_batch_writes_every_organisation_and_a_redelivered_batch_changes_nothing(consumer):
    batch = [registered(str(uuid.uuid4()), region=region) for region in ("yu", "kuga", "miwa") * 20]
    assert consumer.apply(batch) == 60
    written = consumer.rows()
    assert len(written) == 60 and consumer.count(consumer.inbox) == 60
    # The broker hands the same events again (a consumer killed before its ack): the inbox
    # absorbs them, including reports' plain inserts, which would otherwise collide.
    assert consumer.apply(batch[10:] + [registered(str(uuid.uuid4()))]) == 1
    assert len(consumer.rows()) == 61 and consumer.count(consumer.inbox) == 61
    assert all(row in consumer.rows() for row in written)


def test_a_batch_that_fails_leaves_nothing_and_its_events_then_apply_one_by_one(consumer):
    batch = [registered(str(uuid.uuid4())) for _ in range(5)]
    poisoned = batch[3]["id"]

    def handlers(envelope):
        handler = consumer.handlers(envelope) if callable(consumer.handlers) else consumer.handlers[envelope["type"]]
        if str(envelope["id"]) != poisoned:
            return handler

        def fail(uow, event_id, payload):
            raise RuntimeError("poisoned on purpose")
        return fail

    with pytest.raises(RuntimeError):
        consumer.apply(batch, handlers)
    # The rows the first three events held back went with the rollback.
    assert consumer.rows() == [] and consumer.count(consumer.inbox) == 0
    applied = 0
    for body in batch:
        try:
            applied += consumer.apply([body], handlers)
        except RuntimeError:
            pass
    assert applied == 4 and len(consumer.rows()) == 4 and consumer.count(consumer.inbox) == 4


@pytest.mark.parametrize("service", ["matching", "notifications"])
def test_a_later_event_in_a_batch_sees_what_an_earlier_one_wrote(service, database_url):
    consumer = Consumer(service, database_url)
    organisation = str(uuid.uuid4())
    try:
        assert consumer.apply([
            registered(organisation, kind="npo"),
            organisation_event("registry.organisation_updated", organisation, kind="neighbourhood_association",
                               region="kuga", status="verified"),
            organisation_event("registry.organisation_verified", organisation),
        ] if service == "matching" else [
            registered(organisation, kind="npo"),
            organisation_event("registry.organisation_updated", organisation, kind="neighbourhood_association"),
        ]) == (3 if service == "matching" else 2)
        [row] = consumer.rows()
        assert row["kind"] == "neighbourhood_association"
        if service == "matching":
            # organisation_verified read the organisation the same batch had saved, and kept its facts.
            assert (row["region"], row["status"]) == ("kuga", "verified")
    finally:
        consumer.engine.dispose()
